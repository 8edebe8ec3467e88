package org.maiis.cli.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateStore;
import org.maiis.acme.PebbleCa;
import org.maiis.acme.PebbleFixture;
import org.maiis.acme.WebrootServer;
import org.maiis.cli.common.ExitCodes;
import org.maiis.tls.CertificateInfo;

/** issue, renew, status and revoke through the CLI against Debian's Pebble; exit codes for cron. */
class SslAcmeCommandsIT {
  @RegisterExtension
  static final PebbleCa<AutoCloseable> ca =
      PebbleCa.of(new PebbleFixture.Options(7_776_000, 0, false));

  @Test
  void issueRenewStatusRevokeWithCronExitCodes(@TempDir Path tmp) throws Exception {
    String dir = tmp.resolve("certs").toString();
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    Path metrics = tmp.resolve("maiis_ssl.prom");
    CertificateStore store = new CertificateStore(Path.of(dir));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      Cli issue =
          issue(
              webroot,
              dir,
              "-d",
              "cli.example.test",
              "-d",
              "www.cli.example.test",
              "--key-type",
              "ec384",
              "--name",
              "cli");
      assertEquals(0, issue.code(), issue.toString());
      assertEquals(store.liveDir("cli") + "\n", issue.out());
      assertTrue(
          issue.err().startsWith("maiis ssl: cli: issued: version 1, expires "), issue.err());

      Cli noop = Cli.run("ssl", "renew", "--cert-dir", dir, "--metrics-file", metrics.toString());
      assertEquals(ExitCodes.OK, noop.code(), noop.toString());
      assertTrue(noop.err().startsWith("maiis ssl: cli: not due: renews at "), noop.err());
      assertEquals("", noop.out());
      String prom = Files.readString(metrics);
      assertTrue(
          prom.contains("maiis_ssl_renewal_result{lineage=\"cli\",result=\"not_due\"} 1.0\n"),
          prom);
      long expiry =
          CertificateInfo.of(store.currentChain("cli").get().get(0)).notAfter().getEpochSecond();
      assertTrue(
          prom.contains(
              "maiis_ssl_certificate_expiry_timestamp_seconds{lineage=\"cli\"} "
                  + (double) expiry
                  + "\n"),
          prom);

      Cli dry = Cli.run("ssl", "renew", "--force", "--dry-run", "--cert-dir", dir);
      assertEquals(0, dry.code(), dry.toString());
      assertEquals(1, store.currentVersion("cli").getAsInt());

      Cli deployFails =
          Cli.run("ssl", "renew", "--force", "--cert-dir", dir, "--deploy-hook", "exit 1");
      assertEquals(ExitCodes.DEPLOY_FAILED, deployFails.code(), deployFails.toString());
      assertTrue(deployFails.err().contains("version 1 restored"), deployFails.err());
      assertEquals(1, store.currentVersion("cli").getAsInt());

      // The certificate the failed deploy left pending is deployed; none is ordered.
      Cli forced = Cli.run("ssl", "renew", "--force", "--name", "cli", "--cert-dir", dir);
      assertEquals(0, forced.code(), forced.toString());
      assertTrue(forced.err().contains("issued by an earlier run, no new order"), forced.err());
      assertEquals(2, store.currentVersion("cli").getAsInt());
      assertEquals("ec384", CertificateInfo.of(store.currentChain("cli").get().get(0)).keyType());
    }
    // Nothing serves the webroot any more: the CA cannot validate, cron sees 5.
    Cli failed =
        Cli.run("ssl", "renew", "--force", "--cert-dir", dir, "--metrics-file", metrics.toString());
    assertEquals(ExitCodes.RENEWAL_FAILED, failed.code(), failed.toString());
    assertTrue(failed.err().startsWith("maiis ssl: cli: failed: "), failed.err());
    assertTrue(Files.readString(metrics).contains("result=\"failed\"} 1.0\n"));
    assertEquals(2, store.currentVersion("cli").getAsInt());

    Cli status = Cli.run("ssl", "status", "--cert-dir", dir);
    assertTrue(status.out().contains(" failed: "), status.out());
    assertTrue(
        status
            .out()
            .matches(
                "(?s).*\n  last run:    \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ failed: .*"),
        "to the second: " + status.out());

    String serial = CertificateInfo.of(store.currentChain("cli").get().get(0)).serial();
    Cli revoke =
        Cli.run("ssl", "revoke", "--name", "cli", "--reason", "superseded", "--cert-dir", dir);
    assertEquals(0, revoke.code(), revoke.toString());
    assertTrue(ca.pebble().certStatus(serial).contains("Revoked"), ca.pebble().certStatus(serial));
    Cli afterRevoke = Cli.run("ssl", "status", "--json", "--cert-dir", dir);
    assertEquals(ExitCodes.CERTIFICATE_EXPIRING, afterRevoke.code(), afterRevoke.toString());
    assertTrue(
        afterRevoke.out().matches("(?s).*\"revoked_at\" : \"20[0-9-]+T.*"), afterRevoke.out());
    assertTrue(afterRevoke.out().contains("the live certificate was revoked"), afterRevoke.out());
  }

  @Test
  void renewReportsEveryLineageOfAFleetAsJsonAndOnePartFailingFailsTheRun(@TempDir Path tmp)
      throws Exception {
    String dir = tmp.resolve("certs").toString();
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    Path metrics = tmp.resolve("maiis_ssl.prom");
    Files.createDirectory(tmp.resolve("unserved")); // a webroot nothing serves
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      for (String name : java.util.List.of("a", "b", "c", "d")) {
        Cli issue = issue(name, name.equals("c") ? tmp.resolve("unserved") : webroot, dir);
        assertEquals(
            name.equals("c") ? ExitCodes.RENEWAL_FAILED : 0, issue.code(), issue.toString());
      }
      Cli bad = Cli.run("ssl", "renew", "--concurrency", "0", "--cert-dir", dir);
      assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
      assertEquals(
          "maiis ssl renew: --concurrency: expected 1 or more, got 0. See 'maiis ssl renew --help'.\n",
          bad.err());

      Cli renew =
          Cli.run(
              "ssl",
              "renew",
              "--force",
              "--json",
              "--concurrency",
              "2",
              "--cert-dir",
              dir,
              "--metrics-file",
              metrics.toString());
      assertEquals(0, renew.code(), renew.toString());
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(renew.out());
      assertEquals(3, json.size(), renew.out());
      for (int i = 0; i < 3; i++) {
        assertEquals(java.util.List.of("a", "b", "d").get(i), json.get(i).get("lineage").asText());
        assertEquals("renewed", json.get(i).get("result").asText(), renew.out());
      }
      assertEquals(3, renew.err().lines().count(), renew.err());
      String prom = Files.readString(metrics);
      for (String name : java.util.List.of("a", "b", "d")) {
        assertTrue(
            prom.contains(
                "maiis_ssl_renewal_result{lineage=\"" + name + "\",result=\"renewed\"} 1.0\n"),
            prom);
      }

      // One lineage moved to a name whose webroot is not served fails alone; the run says so
      // with 5. A new name, because Pebble reuses a valid authorization one time in a hundred
      // even with PEBBLE_AUTHZREUSE=0, and b.example.test was just validated.
      Files.writeString(
          tmp.resolve("certs/renewal/b.json"),
          Files.readString(tmp.resolve("certs/renewal/b.json"))
              .replace(webroot.toString(), tmp.resolve("unserved").toString())
              .replace("\"b.example.test\"", "\"b-moved.example.test\""));
      assertTrue(
          Files.readString(tmp.resolve("certs/renewal/b.json")).contains("b-moved.example.test"));
      Cli partly = Cli.run("ssl", "renew", "--force", "--json", "--cert-dir", dir);
      assertEquals(ExitCodes.RENEWAL_FAILED, partly.code(), partly.toString());
      var results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(partly.out());
      assertEquals("renewed", results.get(0).get("result").asText(), partly.out());
      assertEquals("failed", results.get(1).get("result").asText(), partly.out());
      assertTrue(results.get(1).get("detail").asText().contains("validation failed"), partly.out());
      assertEquals("renewed", results.get(2).get("result").asText(), partly.out());
    }
  }

  @Test
  void aDryRunAnswersTheChallengeAndABrokenWebrootFailsIt(@TempDir Path tmp) throws Exception {
    String dir = tmp.resolve("certs").toString();
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    CertificateStore store = new CertificateStore(Path.of(dir));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      Cli issue = issue("dry", webroot, dir);
      assertEquals(0, issue.code(), issue.toString());
      Cli dry = Cli.run("ssl", "renew", "--dry-run", "--cert-dir", dir);
      assertEquals(0, dry.code(), dry.toString());
      assertTrue(dry.err().startsWith("maiis ssl: dry: not due: renews at "), dry.err());
      assertTrue(dry.err().contains("; dry run: order and challenges passed at "), dry.err());
    }
    String live = Files.readString(store.liveDir("dry").resolve("fullchain.pem"));
    // Nothing serves the webroot now: the dry run fails the way the renewal would, with 5.
    Cli broken = Cli.run("ssl", "renew", "--dry-run", "--cert-dir", dir);
    assertEquals(ExitCodes.RENEWAL_FAILED, broken.code(), broken.toString());
    assertTrue(
        broken.err().startsWith("maiis ssl: dry: failed: dry run: dry.example.test: validation"),
        broken.err());
    assertEquals(1, broken.err().lines().count(), broken.err());
    assertEquals(live, Files.readString(store.liveDir("dry").resolve("fullchain.pem")));
    assertEquals(1, store.currentVersion("dry").getAsInt());
  }

  @Test
  void issuingOtherNamesIntoAnExistingLineageIsRefusedUnlessAsked(@TempDir Path tmp)
      throws Exception {
    String dir = tmp.resolve("certs").toString();
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    CertificateStore store = new CertificateStore(Path.of(dir));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      assertEquals(0, issue(webroot, dir, "-d", "a.example.test", "--name", "site").code());
      String first = Files.readString(store.liveDir("site").resolve("fullchain.pem"));

      // The same lineage for another site: a.example.test would lose its certificate.
      Cli other = issue(webroot, dir, "-d", "b.example.test", "--name", "site");
      assertEquals(ExitCodes.USAGE, other.code(), other.toString());
      assertEquals(
          "maiis ssl issue: lineage 'site' holds a.example.test, which these names leave out:"
              + " issuing would drop them from the certificate it serves. Give a new lineage its"
              + " own --name, or pass --replace-names to drop them. See 'maiis ssl issue"
              + " --help'.\n",
          other.err());
      assertEquals(first, Files.readString(store.liveDir("site").resolve("fullchain.pem")));

      // Adding a name keeps every old one: no question asked.
      Cli expand =
          issue(webroot, dir, "-d", "a.example.test", "-d", "www.a.example.test", "--name", "site");
      assertEquals(0, expand.code(), expand.toString());
      assertEquals(2, store.currentVersion("site").getAsInt());

      // The same again, as a provisioning script runs it on every deploy: nothing is ordered.
      Cli same =
          issue(webroot, dir, "-d", "a.example.test", "-d", "www.a.example.test", "--name", "site");
      assertEquals(0, same.code(), same.toString());
      assertTrue(
          same.err()
              .startsWith(
                  "maiis ssl: site: not due: already issued for these names and settings; renews"
                      + " at "),
          same.err());
      assertEquals(store.liveDir("site") + "\n", same.out());
      assertEquals(2, store.currentVersion("site").getAsInt());
      Cli forced =
          issue(
              webroot,
              dir,
              "-d",
              "a.example.test",
              "-d",
              "www.a.example.test",
              "--name",
              "site",
              "--force");
      assertEquals(0, forced.code(), forced.toString());
      assertEquals(3, store.currentVersion("site").getAsInt());

      Cli replace =
          issue(webroot, dir, "-d", "b.example.test", "--name", "site", "--replace-names");
      assertEquals(0, replace.code(), replace.toString());
      assertEquals(
          List.of("b.example.test"),
          CertificateInfo.of(store.currentChain("site").get().get(0)).sans());
    }
  }

  /**
   * A site that went away fails every renewal, so every cron run exits 5; deleting its lineage
   * stops that, and only that lineage goes.
   */
  @Test
  void deletingALineageStopsItsRenewalsAndLeavesTheOthers(@TempDir Path tmp) throws Exception {
    String dir = tmp.resolve("certs").toString();
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    Path gone = Files.createDirectory(tmp.resolve("gone-www"));
    CertificateStore store = new CertificateStore(Path.of(dir));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      assertEquals(0, issue("kept", webroot, dir).code());
      assertEquals(0, issue("gone", webroot, dir).code());
    }
    // The site moved away: its webroot is no longer one this host serves.
    String renewal = Files.readString(store.renewalFile("gone"));
    Files.writeString(
        store.renewalFile("gone"), renewal.replace(webroot.toString(), gone.toString()));
    Files.delete(gone);
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      Cli failing = Cli.run("ssl", "renew", "--force", "--cert-dir", dir);
      assertEquals(ExitCodes.RENEWAL_FAILED, failing.code(), failing.toString());

      Cli delete = Cli.run("ssl", "delete", "--name", "gone", "--cert-dir", dir);
      assertEquals(0, delete.code(), delete.toString());
      assertEquals(
          "maiis ssl: gone: deleted; nginx configs that name "
              + store.liveDir("gone")
              + " fail to load until changed\n",
          delete.err());
      assertEquals(List.of("kept"), store.lineages());

      Cli renewed = Cli.run("ssl", "renew", "--force", "--cert-dir", dir);
      assertEquals(0, renewed.code(), renewed.toString());
      assertEquals(3, store.currentVersion("kept").getAsInt(), "renewed by both runs");
    }
    Cli again = Cli.run("ssl", "delete", "--name", "gone", "--cert-dir", dir);
    assertEquals(ExitCodes.USAGE, again.code(), again.toString());
    assertTrue(again.err().contains("no lineage 'gone' in " + dir), again.err());
    Cli status = Cli.run("ssl", "status", "--cert-dir", dir);
    assertTrue(status.out().startsWith("kept\n") && !status.out().contains("gone"), status.out());
  }

  /**
   * The webroot or deploy hook of a lineage changes without a new certificate; a webroot the CA
   * cannot validate through is refused and the lineage keeps the one that works.
   */
  @Test
  void reconfigureChangesHowALineageRenewsOnlyWhenTheCaValidatesIt(@TempDir Path tmp)
      throws Exception {
    String dir = tmp.resolve("certs").toString();
    Path webroot = Files.createDirectory(tmp.resolve("www"));
    Path moved = Files.createDirectory(tmp.resolve("moved-www"));
    Path log = tmp.resolve("deployed.log");
    CertificateStore store = new CertificateStore(Path.of(dir));
    try (WebrootServer http = new WebrootServer(webroot, ca.pebble().httpPort())) {
      assertEquals(0, issue("re", webroot, dir).code());

      Cli hook =
          Cli.run(
              "ssl",
              "reconfigure",
              "--name",
              "re",
              "--deploy-hook",
              "echo ok >> " + log,
              "--cert-dir",
              dir);
      assertEquals(0, hook.code(), hook.toString());
      assertEquals("maiis ssl: re: reconfigured\n", hook.err());
      assertEquals(1, store.currentVersion("re").getAsInt(), "no new certificate");

      // Nothing serves the new directory yet: the rehearsal fails and the old webroot stays.
      String before = Files.readString(store.renewalFile("re"));
      Cli refused =
          Cli.run(
              "ssl",
              "reconfigure",
              "--name",
              "re",
              "--webroot",
              moved.toString(),
              "--cert-dir",
              dir);
      assertEquals(ExitCodes.RENEWAL_FAILED, refused.code(), refused.toString());
      assertTrue(
          refused.err().startsWith("maiis ssl: re: unchanged: the CA's rehearsal failed: "),
          refused.err());
      assertEquals(before, Files.readString(store.renewalFile("re")));
    }
    try (WebrootServer http = new WebrootServer(moved, ca.pebble().httpPort())) {
      Cli accepted =
          Cli.run(
              "ssl",
              "reconfigure",
              "--name",
              "re",
              "--webroot",
              moved.toString(),
              "--cert-dir",
              dir);
      assertEquals(0, accepted.code(), accepted.toString());
      assertTrue(Files.readString(store.renewalFile("re")).contains(moved.toString()));
      Cli renewed = Cli.run("ssl", "renew", "--force", "--cert-dir", dir);
      assertEquals(0, renewed.code(), renewed.toString());
      assertEquals(2, store.currentVersion("re").getAsInt());
      assertEquals(List.of("ok"), Files.readAllLines(log), "the new hook ran");
    }
    Cli nothing = Cli.run("ssl", "reconfigure", "--name", "re", "--cert-dir", dir);
    assertEquals(ExitCodes.USAGE, nothing.code(), nothing.toString());
    Cli unknown =
        Cli.run("ssl", "reconfigure", "--name", "nope", "--no-deploy-hook", "--cert-dir", dir);
    assertEquals(ExitCodes.USAGE, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("no renewal file for lineage 'nope'"), unknown.err());
  }

  /** {@code ssl issue} of lineage {@code name} for NAME.example.test through {@code webroot}. */
  private static Cli issue(String name, Path webroot, String dir) {
    return issue(webroot, dir, "-d", name + ".example.test", "--name", name);
  }

  /** {@code ssl issue ARGS...} from the test CA, through {@code webroot}, into {@code dir}. */
  private static Cli issue(Path webroot, String dir, String... args) {
    return Cli.run(
        List.of(
            "ssl",
            "issue",
            "--server",
            ca.pebble().directory().toString(),
            "--ca-bundle",
            ca.pebble().caBundle().toString(),
            "--webroot",
            webroot.toString(),
            "--cert-dir",
            dir),
        args);
  }
}
