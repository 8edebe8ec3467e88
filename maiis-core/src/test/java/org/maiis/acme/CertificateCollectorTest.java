package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateCollectorTest {
  @TempDir Path dir;

  @Test
  void servesTheLiveCertificatesExpiryAndTheLastResult() throws IOException {
    CertificateStore store = new CertificateStore(dir);
    store.createLayout();
    Instant notAfter = Instant.parse("2027-01-01T00:00:00Z");
    X509Certificate cert =
        StoreVersions.install(store, "bank", Instant.parse("2026-01-01T00:00:00Z"), notAfter);
    JsonFiles.write(
        store.stateFile("bank"), LineageState.issued(Instant.parse("2026-11-01T00:00:00Z")));

    String text = scrape(store);

    assertEquals(
        notAfter.getEpochSecond(),
        value(text, "maiis_ssl_certificate_expiry_timestamp_seconds{lineage=\"bank\"}"));
    assertEquals(1, value(text, "maiis_ssl_renewal_result{lineage=\"bank\",result=\"renewed\"}"));
    assertEquals(0, value(text, "maiis_ssl_renewal_result{lineage=\"bank\",result=\"failed\"}"));
  }

  @Test
  void aDamagedLineageReportsFailedInsteadOfVanishing() throws IOException {
    CertificateStore store = new CertificateStore(dir);
    store.createLayout();
    Instant notAfter = Instant.parse("2027-01-01T00:00:00Z");
    for (String name : List.of("bad", "good")) {
      StoreVersions.install(store, name, Instant.parse("2026-01-01T00:00:00Z"), notAfter);
    }
    java.nio.file.Files.writeString(
        store.liveDir("bad").resolve("fullchain.pem").toRealPath(), "-----BEGIN CERTIFICATE-----");
    java.nio.file.Files.writeString(store.stateFile("bad"), "{");

    String text = scrape(store);

    assertEquals(
        notAfter.getEpochSecond(),
        value(text, "maiis_ssl_certificate_expiry_timestamp_seconds{lineage=\"good\"}"));
    assertEquals(
        false, text.contains("expiry_timestamp_seconds{lineage=\"bad\"}"), "no expiry to show");
    assertEquals(1, value(text, "maiis_ssl_renewal_result{lineage=\"bad\",result=\"failed\"}"));
    assertEquals(0, value(text, "maiis_ssl_renewal_result{lineage=\"bad\",result=\"renewed\"}"));
  }

  /** What Prometheus reads from a registry holding only the collector of {@code store}. */
  private static String scrape(CertificateStore store) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new CertificateCollector(store));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static double value(String exposition, String series) {
    return exposition
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(series + " missing from\n" + exposition));
  }
}
