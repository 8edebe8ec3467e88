package org.maiis.cli.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateStore;
import org.maiis.cli.common.ExitCodes;
import org.maiis.tls.CertificateInfo;
import org.maiis.tls.DhParams;
import org.maiis.tls.Pem;

/** The ssl subcommands that need no CA, through the real entry point. */
class SslLocalCommandsTest {
  @TempDir Path tmp;

  @Test
  void selfSignedGoesIntoTheProductionLayoutAndStatusShowsIt() throws Exception {
    String dir = tmp.resolve("certs").toString();
    Cli c =
        Cli.run(
            "ssl",
            "self-signed",
            "-d",
            "dev.example.test",
            "-d",
            "api.dev.example.test",
            "--days",
            "30",
            "--name",
            "dev",
            "--cert-dir",
            dir);
    assertEquals(0, c.code(), c.toString());
    Path live = new CertificateStore(Path.of(dir)).liveDir("dev");
    assertEquals(live + "\n", c.out());
    CertificateInfo info =
        CertificateInfo.of(Pem.readCertificates(live.resolve("cert.pem")).get(0));
    assertEquals(List.of("dev.example.test", "api.dev.example.test"), info.sans());
    assertEquals(
        info.notAfter(),
        Pem.readCertificates(live.resolve("fullchain.pem")).get(0).getNotAfter().toInstant());

    Cli status = Cli.run("ssl", "status", "--cert-dir", dir);
    assertEquals(0, status.code(), status.toString());
    assertTrue(
        status.out().startsWith("dev\n  domains:     dev.example.test, api.dev.example.test\n"),
        status.out());
    assertTrue(status.out().contains("(lifetime rule: 33% of 30d left)"), status.out());

    JsonNode json =
        new ObjectMapper().readTree(Cli.run("ssl", "status", "--json", "--cert-dir", dir).out());
    assertEquals("dev", json.get(0).get("name").asText());
    assertEquals("ec256", json.get(0).get("key_type").asText());
    assertEquals(29, json.get(0).get("days_left").asInt());
  }

  @Test
  void deletingTheLastLineageSaysThatRenewNowFails() {
    String dir = tmp.toString();
    Cli.run("ssl", "self-signed", "-d", "a.example.test", "--name", "a", "--cert-dir", dir);
    Cli.run("ssl", "self-signed", "-d", "b.example.test", "--name", "b", "--cert-dir", dir);
    Cli first = Cli.run("ssl", "delete", "--name", "a", "--cert-dir", dir);
    assertEquals(0, first.code(), first.toString());
    assertFalse(first.err().contains("last lineage"), first.err());
    Cli last = Cli.run("ssl", "delete", "--name", "b", "--cert-dir", dir);
    assertEquals(0, last.code(), last.toString());
    assertTrue(last.err().contains("that was the last lineage in " + dir), last.err());
    Cli renew = Cli.run("ssl", "renew", "--cert-dir", dir);
    assertEquals(ExitCodes.USAGE, renew.code(), renew.toString());
  }

  @Test
  void renewLeavesSelfSignedLineagesAloneAndReportsUnknownOnes() {
    String dir = tmp.toString();
    Cli.run("ssl", "self-signed", "-d", "dev.example.test", "--name", "dev", "--cert-dir", dir);
    Cli all = Cli.run("ssl", "renew", "--cert-dir", dir);
    assertEquals(0, all.code(), all.toString());
    assertEquals("", all.err());
    Cli named = Cli.run("ssl", "renew", "--name", "dev", "--cert-dir", dir);
    assertEquals(ExitCodes.RENEWAL_FAILED, named.code());
    assertTrue(named.err().startsWith("maiis ssl: dev: failed: no renewal file "), named.err());
  }

  @Test
  void statusExitsSevenWhenACertificateIsPastItsRenewalTime() throws Exception {
    String dir = tmp.toString();
    Cli.run(
        "ssl",
        "self-signed",
        "-d",
        "old.example.test",
        "--days",
        "1",
        "--name",
        "old",
        "--cert-dir",
        dir);
    // 1-day certificate, half the lifetime rule: due 12 hours in, i.e. not yet...
    assertEquals(0, Cli.run("ssl", "status", "--cert-dir", dir).code());
    // An expired one (self-signed refuses --days 0, so through the store directly).
    var key = org.maiis.tls.KeyPairs.generate(org.maiis.config.TlsConfig.KeyType.EC256);
    java.time.Instant now = java.time.Instant.now();
    new CertificateStore(Path.of(dir))
        .install(
            "x",
            key,
            List.of(
                org.maiis.tls.Certificates.selfSigned(
                    key,
                    List.of("x.example.test"),
                    now.minus(java.time.Duration.ofDays(2)),
                    now.minus(java.time.Duration.ofDays(1)))));
    Cli s = Cli.run("ssl", "status", "--cert-dir", dir);
    assertEquals(ExitCodes.CERTIFICATE_EXPIRING, s.code(), s.toString());
  }

  @Test
  void dhparamPrintsTheRfc7919GroupAndWritesFilesAtomically() throws Exception {
    Cli c = Cli.run("ssl", "dhparam");
    assertEquals(0, c.code());
    assertEquals(DhParams.named("ffdhe2048").pem(), c.out());
    Path out = tmp.resolve("dh.pem");
    assertEquals(
        0, Cli.run("ssl", "dhparam", "--group", "ffdhe3072", "--out", out.toString()).code());
    assertEquals(DhParams.named("ffdhe3072").pem(), Files.readString(out));
    Cli bad = Cli.run("ssl", "dhparam", "--group", "modp1024");
    assertEquals(ExitCodes.USAGE, bad.code());
    assertEquals(
        "maiis ssl dhparam: --group: expected ffdhe2048, ffdhe3072 or ffdhe4096, got modp1024."
            + " See 'maiis ssl dhparam --help'.\n",
        bad.err());
  }

  @Test
  void scheduleUsesAbsolutePathsAPathWithSbinAndRandomDelay() throws Exception {
    Path maiis = Files.writeString(tmp.resolve("maiis"), "#!/bin/sh\n");
    maiis.toFile().setExecutable(true);
    Cli systemd =
        Cli.run(
            "ssl",
            "schedule",
            "--systemd",
            "--cert-dir",
            "rel/certs",
            "--command",
            maiis.toString());
    assertEquals(0, systemd.code(), systemd.toString());
    assertTrue(systemd.out().contains("RandomizedDelaySec=8min"));
    assertTrue(
        systemd.out().matches("(?s).*\nOnCalendar=\\*-\\*-\\* \\d{1,2},\\d{1,2}:\\d{1,2}:00\n.*"),
        systemd.out());
    assertTrue(systemd.out().contains("ExecStart=" + maiis + " ssl renew"), systemd.out());
    assertTrue(!systemd.out().contains("java"), "no JVM path, no jar: " + systemd.out());
    Cli notThere =
        Cli.run("ssl", "schedule", "--cron", "--command", tmp.resolve("nope").toString());
    assertEquals(ExitCodes.USAGE, notThere.code(), notThere.toString());
    assertEquals(
        "maiis ssl schedule: --command: "
            + tmp.resolve("nope")
            + " is not an executable file. Point it at maiis. See 'maiis ssl schedule --help'.\n",
        notThere.err());
    assertTrue(systemd.out().contains("Environment=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin"));
    String exec =
        systemd.out().lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    assertTrue(exec.substring("ExecStart=".length()).startsWith("/"), exec);
    assertTrue(
        exec.contains(" ssl renew --cert-dir " + Path.of("rel/certs").toAbsolutePath()), exec);

    Cli cron = Cli.run("ssl", "schedule", "--cron", "--command", maiis.toString());
    assertTrue(
        cron.out()
            .matches(
                "(?s).*\n\\d{1,2} \\d{1,2},\\d{1,2} \\* \\* \\* root set -o pipefail; /\\S+.* ssl"
                    + " renew.*"),
        cron.out());
    assertEquals(ExitCodes.USAGE, Cli.run("ssl", "schedule").code());
  }

  @Test
  void unknownLineagesAndBadNamesAreOneLineErrors() {
    Cli c =
        Cli.run(
            "ssl", "self-signed", "-d", "a.test", "--name", "../x", "--cert-dir", tmp.toString());
    assertEquals(ExitCodes.USAGE, c.code(), c.toString());
    assertEquals(
        "maiis ssl self-signed: invalid value for option '--name': invalid lineage name '../x'"
            + " (letters, digits, '.', '_', '-'). See 'maiis ssl self-signed --help'.",
        c.err().lines().findFirst().orElseThrow());
    for (List<String> args :
        List.of(
            List.of("ssl", "renew", "--name", "a/b"),
            List.of("ssl", "revoke", "--name", "a/b"),
            List.of("ssl", "issue", "-d", "a.test", "--webroot", "/tmp", "--name", "a/b"))) {
      Cli r = Cli.run(args, "--cert-dir", tmp.toString());
      assertEquals(ExitCodes.USAGE, r.code(), args + ": " + r);
      assertTrue(r.err().contains("invalid lineage name 'a/b'"), r.err());
    }
  }

  @Test
  void selfSignedRefusesBadNamesAndValiditiesAsUsageErrors() {
    String dir = tmp.resolve("certs").toString();
    for (String d : List.of("", "foo_bar.test", "a..b", "-x.test")) {
      Cli c = Cli.run("ssl", "self-signed", "-d", d, "--cert-dir", dir);
      assertEquals(ExitCodes.USAGE, c.code(), d + ": " + c);
      assertEquals(1, c.err().lines().count(), c.err());
    }
    for (String days : List.of("0", "-1", "99999999")) {
      Cli c = Cli.run("ssl", "self-signed", "-d", "a.test", "--days", days, "--cert-dir", dir);
      assertEquals(ExitCodes.USAGE, c.code(), days + ": " + c);
      assertEquals(
          "maiis ssl self-signed: --days: expected 1..3650, got "
              + days
              + ". See 'maiis ssl self-signed --help'.\n",
          c.err());
    }
    assertTrue(!Files.exists(Path.of(dir)), "nothing written for refused input");

    Cli ok =
        Cli.run(
            "ssl",
            "self-signed",
            "-d",
            "A.Test.",
            "-d",
            "a.test",
            "-d",
            "127.0.0.1",
            "--cert-dir",
            dir);
    assertEquals(0, ok.code(), ok.toString());
  }

  @Test
  void issueRefusesBadNamesAndWildcardsWithoutDnsHookBeforeTouchingTheCa() {
    String dir = tmp.resolve("certs").toString();
    Cli wildcard =
        Cli.run(
            "ssl",
            "issue",
            "-d",
            "*.shop.test",
            "--server",
            "https://127.0.0.1:1/dir",
            "--cert-dir",
            dir);
    assertEquals(ExitCodes.USAGE, wildcard.code(), wildcard.toString());
    assertEquals(
        "maiis ssl issue: *.shop.test: wildcard names need dns-01 (--dns-hook)."
            + " See 'maiis ssl issue --help'.\n",
        wildcard.err());
    Cli bad =
        Cli.run(
            "ssl",
            "issue",
            "-d",
            "shop.test",
            "-d",
            "shop_test",
            "--server",
            "https://127.0.0.1:1/dir",
            "--cert-dir",
            dir);
    assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
    assertTrue(
        bad.err().startsWith("maiis ssl issue: 'shop_test' is not a valid domain name"), bad.err());
    // A mistyped webroot would be created where nothing serves it: the CA's validation would fail.
    Path typo = Path.of(dir).resolveSibling("www-typo");
    Cli webroot =
        Cli.run(
            "ssl",
            "issue",
            "-d",
            "shop.test",
            "--webroot",
            typo.toString(),
            "--server",
            "https://127.0.0.1:1/dir",
            "--cert-dir",
            dir);
    assertEquals(ExitCodes.USAGE, webroot.code(), webroot.toString());
    assertEquals(
        "maiis ssl issue: --webroot: "
            + typo.toAbsolutePath()
            + " does not exist. Point it at the directory nginx serves"
            + " /.well-known/acme-challenge/ from. See 'maiis ssl issue --help'.\n",
        webroot.err());
    assertTrue(!Files.exists(typo), "not created");
    assertTrue(!Files.exists(Path.of(dir)), "no account, no layout for refused input");
  }

  @Test
  void statusJsonReportsADamagedLineageNextToTheGoodOneAndExitsSeven() throws Exception {
    String dir = tmp.resolve("certs").toString();
    Cli.run("ssl", "self-signed", "-d", "good.test", "--name", "good", "--cert-dir", dir);
    Cli.run("ssl", "self-signed", "-d", "bad.test", "--name", "bad", "--cert-dir", dir);
    CertificateStore store = new CertificateStore(Path.of(dir));
    Path cert = store.liveDir("bad").resolve("fullchain.pem");
    Files.writeString(cert.toRealPath(), Files.readString(cert).substring(0, 100));

    Cli c = Cli.run("ssl", "status", "--json", "--cert-dir", dir);
    assertEquals(ExitCodes.CERTIFICATE_EXPIRING, c.code(), c.toString());
    JsonNode json = new ObjectMapper().readTree(c.out());
    assertEquals("bad", json.get(0).get("name").asText());
    assertTrue(json.get(0).get("error").asText().startsWith(cert + ": "), c.out());
    assertEquals("good", json.get(1).get("name").asText());
    assertEquals("good.test", json.get(1).get("domains").get(0).asText());
    assertEquals("", c.err());

    Cli text = Cli.run("ssl", "status", "--cert-dir", dir);
    assertTrue(text.out().startsWith("bad\n  error:       " + cert + ": "), text.out());
    assertTrue(text.out().contains("\ngood\n  domains:     good.test\n"), text.out());
  }

  @Test
  void dhparamIntoADirectoryIsNamedBeforeAnyWork() {
    Cli c = Cli.run("ssl", "dhparam", "--generate", "4096", "--out", tmp.toString());
    assertEquals(ExitCodes.FAILURE, c.code(), c.toString());
    assertEquals(
        "maiis ssl dhparam: --out: "
            + tmp
            + " is a directory. Run it again with --verbose for details.\n",
        c.err());
  }

  @Test
  void anUnwritableMetricsFileDoesNotHideTheRenewalSummary() throws Exception {
    String dir = tmp.resolve("certs").toString();
    Cli.run("ssl", "self-signed", "-d", "dev.test", "--name", "dev", "--cert-dir", dir);
    Path metrics = Files.createDirectories(tmp.resolve("metrics.prom"));
    Cli failed =
        Cli.run(
            "ssl",
            "renew",
            "--name",
            "dev",
            "--metrics-file",
            metrics.toString(),
            "--cert-dir",
            dir);
    assertEquals(ExitCodes.RENEWAL_FAILED, failed.code(), failed.toString());
    assertEquals(
        List.of(
            "maiis ssl: dev: failed: no renewal file " + dir + "/renewal/dev.json",
            "maiis ssl renew: --metrics-file: "
                + metrics
                + " is a directory. Point --metrics-file at a file it can write."),
        failed.err().lines().toList());
    Cli nothingDue =
        Cli.run("ssl", "renew", "--metrics-file", metrics.toString(), "--cert-dir", dir);
    assertEquals(ExitCodes.FAILURE, nothingDue.code(), nothingDue.toString());
    assertEquals(
        "maiis ssl renew: --metrics-file: "
            + metrics
            + " is a directory. Point --metrics-file at a file it can write.\n",
        nothingDue.err());
  }

  @Test
  void scheduleRefusesANamedConfigThatDoesNotExist() {
    Path missing = tmp.resolve("missing.yaml");
    Cli c = Cli.run("ssl", "schedule", "--cron", "-c", missing.toString());
    assertEquals(ExitCodes.CONFIG_INVALID, c.code(), c.toString());
    assertEquals("", c.out());
    assertTrue(c.err().contains(missing.toString()), c.err());
  }

  @Test
  void selfSignedRefusesToReplaceACaIssuedLineageWithoutForce() throws Exception {
    String dir = tmp.resolve("certs").toString();
    CertificateStore store = new CertificateStore(Path.of(dir));
    assertEquals(
        0,
        Cli.run("ssl", "self-signed", "-d", "www.test", "--name", "www", "--cert-dir", dir).code());
    // Re-running over a self-signed lineage is fine.
    assertEquals(
        0,
        Cli.run("ssl", "self-signed", "-d", "www.test", "--name", "www", "--cert-dir", dir).code());
    // What `ssl issue` leaves: a renewal file naming the CA.
    Files.writeString(store.renewalFile("www"), "{\"name\": \"www\"}");
    String before = Files.readString(store.liveDir("www").resolve("cert.pem"));

    Cli refused =
        Cli.run("ssl", "self-signed", "-d", "www.test", "--name", "www", "--cert-dir", dir);
    assertEquals(ExitCodes.USAGE, refused.code(), refused.toString());
    assertEquals(1, refused.err().lines().count(), refused.err());
    assertTrue(
        refused
            .err()
            .startsWith("maiis ssl self-signed: lineage 'www' holds a certificate issued by "),
        refused.err());
    assertTrue(
        refused
            .err()
            .endsWith(
                "not replaced. Use another --name, or --force to replace it."
                    + " See 'maiis ssl self-signed --help'.\n"),
        refused.err());
    assertEquals("", refused.out());
    assertEquals(before, Files.readString(store.liveDir("www").resolve("cert.pem")));

    Cli forced =
        Cli.run(
            "ssl", "self-signed", "-d", "www.test", "--name", "www", "--force", "--cert-dir", dir);
    assertEquals(0, forced.code(), forced.toString());
    assertEquals(3, store.currentVersion("www").getAsInt());
  }

  @Test
  void aSecondRunSaysItWaitsForTheLockAndGivesUpAfterLockTimeout() throws Exception {
    String dir = tmp.resolve("certs").toString();
    Cli.run("ssl", "self-signed", "-d", "a.test", "--name", "a", "--cert-dir", dir);
    try (var held = org.maiis.acme.CertLock.acquire(Path.of(dir), java.time.Duration.ZERO)) {
      Cli waited = Cli.run("ssl", "renew", "--lock-timeout", "1", "--cert-dir", dir);
      assertEquals(ExitCodes.FAILURE, waited.code(), waited.toString());
      List<String> lines = waited.err().lines().toList();
      assertEquals(2, lines.size(), waited.err());
      assertTrue(
          lines
              .get(0)
              .matches(
                  "maiis ssl: another maiis ssl run \\(pid [0-9]+ since .*\\) holds "
                      + java.util.regex.Pattern.quote(dir + "/.lock")
                      + "; waiting up to 1 s \\(--lock-timeout\\)"),
          lines.get(0));
      assertTrue(
          lines
              .get(1)
              .endsWith(
                  "gave up after 1 s. Try again when it is done, or wait longer with --lock-timeout."
                      + " Run it again with --verbose for details."),
          lines.get(1));

      Cli fast =
          Cli.run(
              "ssl",
              "self-signed",
              "-d",
              "a.test",
              "--name",
              "a",
              "--lock-timeout",
              "0",
              "--cert-dir",
              dir);
      assertEquals(ExitCodes.FAILURE, fast.code(), fast.toString());
      assertEquals(
          1, fast.err().lines().count(), "no waiting line when not waiting: " + fast.err());
    }
    assertEquals(0, Cli.run("ssl", "renew", "--lock-timeout", "0", "--cert-dir", dir).code());
  }

  @Test
  void aWrongOrEmptyCertDirIsAnErrorNotNothingDue() throws Exception {
    Path missing = tmp.resolve("typo");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    for (Path d : List.of(missing, empty)) {
      for (String cmd : List.of("renew", "status")) {
        Cli c = Cli.run("ssl", cmd, "--cert-dir", d.toString());
        assertEquals(ExitCodes.USAGE, c.code(), cmd + " " + d + ": " + c);
        assertEquals(
            "maiis ssl "
                + cmd
                + ": no certificates in "
                + d
                + " (no lineage under live/). Check --cert-dir, or run 'maiis ssl issue' first."
                + " See 'maiis ssl "
                + cmd
                + " --help'.\n",
            c.err());
        assertEquals("", c.out());
      }
    }
    assertTrue(Files.notExists(missing), "a renew run never creates the directory");
  }

  @Test
  void aMissingOrEmptyCaBundleIsAUsageErrorBeforeAnyOrder() throws Exception {
    Path missing = tmp.resolve("missing-ca.pem");
    Path empty = Files.writeString(tmp.resolve("empty-ca.pem"), "# nothing here\n");
    for (Path bundle : List.of(missing, empty)) {
      Cli c = issueWithoutACa("--ca-bundle", bundle.toString());
      assertEquals(ExitCodes.USAGE, c.code(), c.toString());
      assertEquals(1, c.err().lines().count(), c.err());
      assertTrue(c.err().startsWith("maiis ssl issue: --ca-bundle: "), c.err());
      assertTrue(c.err().contains(bundle.toString()), c.err());
      assertTrue(c.err().contains("Point it at the CA's root"), c.err());
    }
    assertTrue(Files.notExists(tmp.resolve("certs").resolve("accounts")), "no account was made");
  }

  @Test
  void anInternationalizedDomainGetsAPunycodeHint() {
    Cli c = Cli.run("ssl", "self-signed", "-d", "bücher.example", "--cert-dir", tmp.toString());
    assertEquals(ExitCodes.USAGE, c.code(), c.toString());
    assertEquals(
        "maiis ssl self-signed: 'bücher.example' is not a valid domain name: an internationalized"
            + " name; use its ASCII (punycode) form xn--bcher-kva.example."
            + " See 'maiis ssl self-signed --help'.\n",
        c.err());
  }

  @Test
  void aTruncatedEabKeyIsNamedBeforeAnyAccountNotBadKeySize() {
    Cli c = issueWithoutACa("--eab-kid", "kid-1", "--eab-hmac-key", "AAAAAAA");
    assertEquals(ExitCodes.USAGE, c.code(), c.toString());
    assertEquals(
        "maiis ssl issue: --eab-hmac-key (tls.acme.eab_hmac_key): the key is 40 bits, an HMAC key"
            + " is at least 256. Copy the whole key from the CA's account page."
            + " See 'maiis ssl issue --help'.\n",
        c.err());
  }

  /**
   * {@code ssl issue -d a.test} into TMP/certs with {@code args}, against a directory URL nothing
   * answers: what it reports must come before any order.
   */
  private Cli issueWithoutACa(String... args) {
    return Cli.run(
        List.of(
            "ssl",
            "issue",
            "-d",
            "a.test",
            "--webroot",
            tmp.toString(),
            "--server",
            "https://127.0.0.1:9/dir",
            "--cert-dir",
            tmp.resolve("certs").toString()),
        args);
  }
}
