package org.maiis.cli.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateStore;
import org.maiis.cli.ExitCodes;
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
  void statusExitsSevenWhenACertificateIsPastItsRenewalTime() {
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
    Cli.run(
        "ssl",
        "self-signed",
        "-d",
        "x.example.test",
        "--days",
        "0",
        "--name",
        "x",
        "--cert-dir",
        dir);
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
        "maiis: --group: expected ffdhe2048, ffdhe3072 or ffdhe4096, got modp1024\n", bad.err());
  }

  @Test
  void scheduleUsesAbsolutePathsAPathWithSbinAndRandomDelay() {
    Cli systemd = Cli.run("ssl", "schedule", "--systemd", "--cert-dir", "rel/certs");
    assertEquals(0, systemd.code(), systemd.toString());
    assertTrue(systemd.out().contains("RandomizedDelaySec=1h"));
    assertTrue(systemd.out().contains("OnCalendar=*-*-* 00,12:00:00"));
    assertTrue(systemd.out().contains("Environment=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin"));
    String exec =
        systemd.out().lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    assertTrue(exec.substring("ExecStart=".length()).startsWith("/"), exec);
    assertTrue(
        exec.contains(" ssl renew --cert-dir " + Path.of("rel/certs").toAbsolutePath()), exec);

    Cli cron = Cli.run("ssl", "schedule", "--cron");
    assertTrue(
        cron.out()
            .matches("(?s).*\n\\d{1,2} \\d{1,2},\\d{1,2} \\* \\* \\* root /\\S+.* ssl renew.*"),
        cron.out());
    assertEquals(ExitCodes.USAGE, Cli.run("ssl", "schedule").code());
  }

  @Test
  void unknownLineagesAndBadNamesAreOneLineErrors() {
    Cli c =
        Cli.run(
            "ssl", "self-signed", "-d", "a.test", "--name", "../x", "--cert-dir", tmp.toString());
    assertEquals(ExitCodes.FAILURE, c.code());
    assertEquals("maiis: invalid lineage name '../x' (letters, digits, '.', '_', '-')\n", c.err());
  }
}
