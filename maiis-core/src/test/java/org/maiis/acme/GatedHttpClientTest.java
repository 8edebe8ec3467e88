package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatedHttpClientTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertEquals(Optional.of(NOW.plusSeconds(120)), GatedHttpClient.retryAfter("120", NOW));
    assertEquals(
        Optional.of(Instant.parse("2026-01-01T00:10:00Z")),
        GatedHttpClient.retryAfter("Thu, 01 Jan 2026 00:10:00 GMT", NOW));
    assertEquals(Optional.empty(), GatedHttpClient.retryAfter("soon", NOW));
  }
}
