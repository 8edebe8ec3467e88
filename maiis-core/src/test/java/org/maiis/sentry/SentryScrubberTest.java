package org.maiis.sentry;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maiis.config.Secret;
import org.maiis.config.SentryConfig;

class SentryScrubberTest {
  @Test
  void scrubsSecretsFromText() {
    assertEquals(
        "user [email] paid with [number] from [account], token=[Filtered] \"api_key\": [Filtered]",
        SentryScrubber.text(
            "user eve@example.org paid with 5500-0000-0000-0004 from GB82WEST12345698765432,"
                + " token=abc.def \"api_key\": \"zz-1\""));
    assertEquals("Bearer [Filtered]", SentryScrubber.text("Bearer abc123"));
    assertEquals("order 12345 of 3 items", SentryScrubber.text("order 12345 of 3 items"));
  }

  @Test
  void knowsWhichKeysAreSensitive() {
    for (String k :
        new String[] {"Authorization", "X-Api-Key", "refresh_token", "PASSWORD", "client-secret"}) {
      assertTrue(SentryScrubber.sensitive(k), k);
    }
    for (String k : new String[] {"User-Agent", "amount", "currency", "author"}) {
      assertFalse(SentryScrubber.sensitive(k), k);
    }
  }

  @Test
  void neverTracesHealthOrMetrics() {
    assertTrue(NeverTraced.excluded("/health"));
    assertTrue(NeverTraced.excluded("/health/ready"));
    assertTrue(NeverTraced.excluded("/healthz"));
    assertTrue(NeverTraced.excluded("/metrics"));
    assertFalse(NeverTraced.excluded("/api/healthcare"));
  }

  @Test
  void settingsResolveTheDsnOrTurnReportingOff() {
    SentryConfig config =
        new SentryConfig(
            Optional.of(new Secret(Secret.Kind.ENV, "SENTRY_DSN")),
            "prod",
            Optional.empty(),
            1,
            0.2);
    assertEquals(
        Optional.of("http://k@127.0.0.1:9/1"),
        SentrySettings.from(config, Map.of("SENTRY_DSN", "http://k@127.0.0.1:9/1")::get).dsn());
    assertEquals(Optional.empty(), SentrySettings.from(config, name -> null).dsn());
    assertEquals(0.2, SentrySettings.from(config, name -> null).tracesSampleRate());
  }
}
