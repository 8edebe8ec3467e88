package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateMetricsFileTest {
  @Test
  void rendersTheGoldenTextfile() throws IOException {
    Instant t = Instant.parse("2026-03-01T00:00:00Z");
    var ok = new LineageState(t, t, "renewed", null, null, null, null, null, null, null);
    var failed =
        new LineageState(
            t.plusSeconds(60), t, "failed", "boom", null, null, null, null, null, null);
    String text =
        CertificateMetricsFile.render(
            List.of(
                new CertificateMetricsFile.Entry("api", t.plusSeconds(86400 * 6), ok),
                new CertificateMetricsFile.Entry("www", t.plusSeconds(86400), failed),
                new CertificateMetricsFile.Entry("new", null, LineageState.EMPTY)));
    try (InputStream in = getClass().getResourceAsStream("/acme/metrics.prom")) {
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), text);
    }
  }

  @Test
  void everyLineageDamagedOrNotHasAResultLine(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    CertificateStore store = new CertificateStore(dir);
    store.createLayout();
    Instant t = Instant.parse("2026-03-01T00:00:00Z");
    for (String name : List.of("ok", "badkey", "badrenewal")) {
      java.security.KeyPair key =
          org.maiis.tls.KeyPairs.generate(org.maiis.config.TlsConfig.KeyType.EC256);
      store.install(name, key, List.of(CertificateStoreTest.cert(key, name + ".test")));
      JsonFiles.write(store.stateFile(name), LineageState.issued(t));
    }
    java.security.KeyPair other =
        org.maiis.tls.KeyPairs.generate(org.maiis.config.TlsConfig.KeyType.EC256);
    java.nio.file.Files.writeString(
        store.liveDir("badkey").resolve("privkey.pem").toRealPath(),
        org.maiis.tls.Pem.privateKey(other.getPrivate()));
    java.nio.file.Files.writeString(store.renewalFile("badrenewal"), "{\"name\": \"badrenewal\"}");

    List<CertificateMetricsFile.Entry> entries = CertificateMetricsFile.entries(store);
    assertEquals(
        List.of("badkey", "badrenewal", "ok"), entries.stream().map(e -> e.lineage()).toList());
    String text = CertificateMetricsFile.render(entries);
    for (String bad : List.of("badkey", "badrenewal")) {
      org.junit.jupiter.api.Assertions.assertTrue(
          text.contains(
              "maiis_ssl_renewal_result{lineage=\"" + bad + "\",result=\"failed\"} 1.0\n"),
          text);
    }
    org.junit.jupiter.api.Assertions.assertTrue(
        text.contains("maiis_ssl_renewal_result{lineage=\"ok\",result=\"renewed\"} 1.0\n"), text);
  }
}
