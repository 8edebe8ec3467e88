package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maiis.config.TlsConfig.KeyType;

/** Which issue requests repeat what a lineage recorded (RepeatedIssueIT runs it at a CA). */
class RepeatedIssueTest {
  private static final LineageSettings HAD =
      new LineageSettings(
          "site",
          List.of("example.test", "a.example.test", "b.example.test"),
          URI.create("https://ca.test/dir"),
          Path.of("/etc/ca.pem"),
          LineageSettings.Challenge.webroot(Path.of("/var/www/acme")),
          KeyType.EC256,
          "tlsserver",
          "systemctl reload nginx",
          "kid-1");

  /** HAD with field {@code field} (in the record's order) set to {@code value}. */
  @SuppressWarnings("unchecked")
  private static LineageSettings set(int field, Object value) {
    Object[] f = {
      HAD.name(),
      HAD.domains(),
      HAD.directory(),
      HAD.caBundle(),
      HAD.challenge(),
      HAD.keyType(),
      HAD.profile(),
      HAD.deployHook(),
      HAD.eabKid()
    };
    f[field] = value;
    return new LineageSettings(
        (String) f[0],
        (List<String>) f[1],
        (URI) f[2],
        (Path) f[3],
        (LineageSettings.Challenge) f[4],
        (KeyType) f[5],
        (String) f[6],
        (String) f[7],
        (String) f[8]);
  }

  @Test
  void theSameRequestWithTheOtherNamesInAnyOrderOrWithoutTheEabKeyIdRepeats() {
    assertTrue(RepeatedIssue.sameRequest(HAD, HAD));
    assertTrue(
        RepeatedIssue.sameRequest(
            HAD, set(1, List.of("example.test", "b.example.test", "a.example.test"))));
    assertTrue(RepeatedIssue.sameRequest(HAD, set(8, null)), "the account exists already");
  }

  @Test
  void anyOtherChangeIsANewRequest() {
    List<LineageSettings> changed =
        List.of(
            set(1, List.of("a.example.test", "example.test", "b.example.test")),
            set(1, List.of("example.test", "a.example.test")),
            set(1, List.of("example.test", "a.example.test", "b.example.test", "c.example.test")),
            set(2, URI.create("https://staging.ca.test/dir")),
            set(3, null),
            set(4, LineageSettings.Challenge.webroot(Path.of("/srv/acme"))),
            set(4, LineageSettings.Challenge.standalone(80, null)),
            set(5, KeyType.EC384),
            set(6, null),
            set(7, null),
            set(7, "nginx -s reload"),
            set(8, "kid-2"));
    for (LineageSettings asked : changed) {
      assertFalse(RepeatedIssue.sameRequest(HAD, asked), asked.toString());
    }
  }
}
