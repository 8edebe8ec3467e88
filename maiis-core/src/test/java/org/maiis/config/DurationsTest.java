package org.maiis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  @Test
  void parsesPrometheusStyle() {
    assertEquals(Duration.ofSeconds(5400), Durations.parse("1h30m").orElseThrow());
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms").orElseThrow());
    assertEquals(Duration.ofDays(14), Durations.parse("2w").orElseThrow());
    assertTrue(Durations.parse("30").isEmpty());
    assertTrue(Durations.parse("30 s").isEmpty());
    assertTrue(Durations.parse("-5m").isEmpty());
    assertTrue(Durations.parse("99999999999999999999d").isEmpty());
  }

  @ParameterizedTest
  @CsvSource({"PT5M, 5m", "PT5400S, 1h30m", "P730D, 730d", "PT1.5S, 1s500ms"})
  void formatsShortest(Duration d, String expected) {
    assertEquals(expected, Durations.format(d));
  }

  @Test
  void sizesAndRates() {
    assertEquals(10L << 20, ByteSize.parse("10m").orElseThrow().bytes());
    assertEquals("10m", ByteSize.parse("10M").orElseThrow().nginx());
    assertEquals("1000", ByteSize.parse("1000").orElseThrow().nginx());
    assertTrue(ByteSize.parse("10 MB").isEmpty());
    assertEquals(5 / 60.0, RequestRate.parse("5r/m").orElseThrow().perSecond());
    assertTrue(RequestRate.parse("0r/s").isEmpty());
    assertTrue(RequestRate.parse("10/s").isEmpty());
  }
}
