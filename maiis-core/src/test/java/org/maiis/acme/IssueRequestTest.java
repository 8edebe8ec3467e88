package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.config.TlsConfig;
import org.maiis.config.TlsConfig.KeyType;

class IssueRequestTest {
  static final Function<String, String> ENV =
      Map.of("EAB_KEY", "hmac-from-env0hmac-from-env0hmac-from-env0xy")::get;

  /** Every default issue reads from maiis.yaml, set to something other than its built-in value. */
  static final MaiisConfig CONFIGURED =
      new ConfigLoader(ENV)
          .parse(
              "maiis.yaml",
              """
              site:
                name: shop
                domain: shop.test
                alt_names: [www.shop.test, api.shop.test]
                email: ops@shop.test
              tls:
                key_type: ec384
                webroot: /srv/acme
                deploy_hook: systemctl reload nginx
                acme:
                  directory: https://ca.test/dir
                  ca_bundle: /etc/ca/bundle.pem
                  eab_kid: kid-1
                  eab_hmac_key: ${EAB_KEY}
                  profile: tlsserver
              """);

  static final MaiisConfig DEFAULTS = new ConfigLoader(ENV).defaults();

  /** A request with nothing given but the standalone port (which always has a value). */
  static IssueRequest none() {
    return new Flags().build();
  }

  /**
   * The flags of {@code maiis ssl issue}, each unset (as picocli leaves it) until a test sets it.
   */
  static final class Flags {
    private List<String> domains = List.of();
    private String email;
    private URI server;
    private boolean staging;
    private Path webroot;
    private boolean standalone;
    private String dnsHook;
    private int httpPort = 80;
    private String eabKid;
    private String eabHmacKey;

    Flags domains(String... names) {
      domains = List.of(names);
      return this;
    }

    Flags email(String value) {
      email = value;
      return this;
    }

    Flags server(String url) {
      server = URI.create(url);
      return this;
    }

    Flags staging() {
      staging = true;
      return this;
    }

    Flags webroot(String dir) {
      webroot = Path.of(dir);
      return this;
    }

    Flags standalone(int port) {
      standalone = true;
      httpPort = port;
      return this;
    }

    Flags dnsHook(String command) {
      dnsHook = command;
      return this;
    }

    Flags eab(String kid, String hmacKey) {
      eabKid = kid;
      eabHmacKey = hmacKey;
      return this;
    }

    IssueRequest build() {
      return new IssueRequest(
          domains,
          email,
          server,
          staging,
          null,
          webroot,
          standalone,
          dnsHook,
          httpPort,
          null,
          null,
          eabKid,
          eabHmacKey,
          null,
          null);
    }
  }

  @Test
  void withoutFlagsEverythingComesFromTheConfig() {
    IssueRequest.Resolved r = none().resolve(CONFIGURED, ENV);
    assertEquals(
        new LineageSettings(
            "shop",
            List.of("shop.test", "www.shop.test", "api.shop.test"),
            URI.create("https://ca.test/dir"),
            Path.of("/etc/ca/bundle.pem"),
            LineageSettings.Challenge.webroot(Path.of("/srv/acme")),
            KeyType.EC384,
            "tlsserver",
            "systemctl reload nginx",
            "kid-1"),
        r.settings());
    assertEquals(
        new Accounts.Registration(
            "ops@shop.test", "kid-1", "hmac-from-env0hmac-from-env0hmac-from-env0xy"),
        r.registration());
  }

  @Test
  void flagsOverrideTheConfig() {
    IssueRequest request =
        new IssueRequest(
            List.of("b.test", "a.test"),
            "me@b.test",
            URI.create("https://other.test/dir"),
            false,
            Path.of("rel/bundle.pem"),
            Path.of("/var/www"),
            false,
            null,
            80,
            KeyType.RSA2048,
            "shortlived",
            "kid-2",
            "hmac-flag0hmac-flag0hmac-flag0hmac-flag0abcd",
            "other",
            "true");
    IssueRequest.Resolved r = request.resolve(CONFIGURED, ENV);
    assertEquals(
        new LineageSettings(
            "other",
            List.of("b.test", "a.test"),
            URI.create("https://other.test/dir"),
            // A relative bundle is recorded absolute, so renew finds it from any working directory.
            Path.of("rel/bundle.pem").toAbsolutePath().normalize(),
            LineageSettings.Challenge.webroot(Path.of("/var/www")),
            KeyType.RSA2048,
            "shortlived",
            "true",
            "kid-2"),
        r.settings());
    assertEquals(
        new Accounts.Registration(
            "me@b.test", "kid-2", "hmac-flag0hmac-flag0hmac-flag0hmac-flag0abcd"),
        r.registration());
  }

  @Test
  void stagingWinsOverTheConfiguredDirectory() {
    IssueRequest staging = new Flags().staging().build();
    assertEquals(
        TlsConfig.LETS_ENCRYPT_STAGING, staging.resolve(CONFIGURED, ENV).settings().directory());
  }

  @Test
  void standaloneAndDnsHookReplaceTheWebroot() {
    IssueRequest standalone = new Flags().standalone(8080).build();
    assertEquals(
        LineageSettings.Challenge.standalone(8080, null),
        standalone.resolve(CONFIGURED, ENV).settings().challenge());
    IssueRequest dns = new Flags().domains("*.shop.test").dnsHook("/usr/local/bin/dns").build();
    assertEquals(
        LineageSettings.Challenge.dns("/usr/local/bin/dns"),
        dns.resolve(CONFIGURED, ENV).settings().challenge());
  }

  @Test
  void builtInDefaultsLeaveTheOptionalPartsOpen() {
    IssueRequest.Resolved r = none().resolve(DEFAULTS, ENV);
    LineageSettings s = r.settings();
    assertEquals("maiis", s.name());
    assertEquals(List.of("localhost"), s.domains());
    assertEquals(TlsConfig.LETS_ENCRYPT, s.directory());
    assertNull(s.caBundle());
    assertEquals(LineageSettings.Challenge.webroot(Path.of("/var/lib/maiis/acme")), s.challenge());
    assertEquals(KeyType.EC256, s.keyType());
    assertNull(s.profile());
    assertNull(s.deployHook());
    assertEquals(Accounts.Registration.NONE, r.registration());
  }

  @Test
  void aConfiguredHmacKeyWhoseVariableIsUnsetNamesTheVariable() {
    IssueRequest request = none();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> request.resolve(CONFIGURED, v -> null));
    assertEquals("environment variable EAB_KEY is not set", e.getMessage());
  }

  @Test
  void exclusiveChoicesAreRejected() {
    IllegalArgumentException ca =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Flags().server("https://ca.test/dir").staging().build());
    assertEquals("server and staging exclude each other", ca.getMessage());
    IllegalArgumentException how =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Flags().webroot("/srv").standalone(80).build());
    assertEquals("webroot, standalone and dnsHook exclude each other", how.getMessage());
  }

  private static IssueRequest domains(String dnsHook, String... names) {
    return new Flags().domains(names).dnsHook(dnsHook).build();
  }

  @Test
  void malformedNamesAndChallengesThatCannotProveThemAreRefusedBeforeTheCa() {
    assertEquals(
        "'foo_bar.test' is not a valid domain name: label 'foo_bar' must be letters, digits and"
            + " '-', not starting or ending with '-'",
        assertThrows(
                IllegalArgumentException.class,
                () -> domains(null, "shop.test", "foo_bar.test").resolve(CONFIGURED, ENV))
            .getMessage());
    assertEquals(
        "*.shop.test: wildcard names need dns-01 (--dns-hook)",
        assertThrows(
                IllegalArgumentException.class,
                () -> domains(null, "*.shop.test").resolve(CONFIGURED, ENV))
            .getMessage());
    assertEquals(
        "127.0.0.1: an IP address cannot be proven with dns-01 (use --webroot or --standalone)",
        assertThrows(
                IllegalArgumentException.class,
                () -> domains("/bin/true", "127.0.0.1").resolve(CONFIGURED, ENV))
            .getMessage());
    for (String server : List.of("foo", "ftp://ca.test/dir", "file:///etc/passwd")) {
      assertEquals(
          "--server: expected the CA's directory URL (https://...), got " + server,
          assertThrows(IllegalArgumentException.class, () -> new Flags().server(server).build())
              .getMessage());
    }
    assertEquals(
        "--eab-kid and --eab-hmac-key are needed together",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Flags().eab("kid-9", null).build().resolve(DEFAULTS, ENV))
            .getMessage());
    assertEquals(
        "--eab-hmac-key (tls.acme.eab_hmac_key): not base64url (Illegal base64 character 20)",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Flags().eab("kid-9", "not base64").build().resolve(DEFAULTS, ENV))
            .getMessage());
    assertEquals(
        "--email: 'not an email' is not an e-mail address",
        assertThrows(
                IllegalArgumentException.class, () -> new Flags().email("not an email").build())
            .getMessage());
    assertEquals(
        "--http-port: expected 1..65535, got 70000",
        assertThrows(IllegalArgumentException.class, () -> new Flags().standalone(70000).build())
            .getMessage());
    assertEquals(
        List.of("shop.test", "*.shop.test"),
        domains("/bin/true", "Shop.Test.", "*.shop.test", "shop.test")
            .resolve(CONFIGURED, ENV)
            .settings()
            .domains());
  }

  @Test
  void classNamesNeverReachTheUser() {
    assertEquals(
        "PKIX path building failed: unable to find valid certification path to requested target",
        CertificateManager.withoutClassNames(
            "sun.security.validator.ValidatorException: PKIX path building failed:"
                + " sun.security.provider.certpath.SunCertPathBuilderException: unable to find"
                + " valid certification path to requested target"));
    assertEquals(
        "a.pem: no such file", CertificateManager.withoutClassNames("a.pem: no such file"));
  }
}
