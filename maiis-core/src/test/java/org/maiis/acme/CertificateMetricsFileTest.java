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
}
