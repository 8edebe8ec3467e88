package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

class PacingTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  final List<Duration> slept = new ArrayList<>();
  final Pacing pacing =
      new Pacing(
          Clock.fixed(NOW, ZoneOffset.UTC),
          slept::add,
          3,
          Duration.ofSeconds(2),
          Duration.ofMinutes(2),
          Duration.ofMinutes(1));

  static Problem problem(String type) throws IOException {
    return new Problem(
        JSON.parse("{\"type\":\"" + type + "\",\"detail\":\"x\"}"),
        java.net.URI.create("https://ca.test/").toURL());
  }

  @Test
  void networkErrorsAreRetriedWithDoublingBackoffThenGiveUp() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        AcmeNetworkException.class,
        () ->
            pacing.retry(
                () -> {
                  calls.incrementAndGet();
                  throw new AcmeNetworkException(new IOException("refused"));
                }));
    assertEquals(3, calls.get());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), slept);
  }

  @Test
  void aShortRateLimitWaitsExactlyTheRetryAfter() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String r =
        pacing.retry(
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new AcmeRateLimitedException(
                    problem("urn:ietf:params:acme:error:rateLimited"),
                    NOW.plusSeconds(30),
                    List.of());
              }
              return "ok";
            });
    assertEquals("ok", r);
    assertEquals(List.of(Duration.ofSeconds(30)), slept);
  }

  @Test
  void aLongRateLimitFailsAtOnceInsteadOfHammeringTheCa() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AcmeRateLimitedException e =
        new AcmeRateLimitedException(
            problem("urn:ietf:params:acme:error:rateLimited"), NOW.plusSeconds(3600), List.of());
    assertThrows(
        AcmeRateLimitedException.class,
        () ->
            pacing.retry(
                () -> {
                  calls.incrementAndGet();
                  throw e;
                }));
    assertEquals(1, calls.get());
    assertEquals(List.of(), slept);
  }

  @Test
  void badNoncesGetAFewMoreTriesOtherServerErrorsNone() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    assertEquals(
        "ok",
        pacing.retry(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new AcmeServerException(problem("urn:ietf:params:acme:error:badNonce"));
              }
              return "ok";
            }));
    AtomicInteger other = new AtomicInteger();
    assertThrows(
        AcmeServerException.class,
        () ->
            pacing.retry(
                () -> {
                  other.incrementAndGet();
                  throw new AcmeServerException(problem("urn:ietf:params:acme:error:malformed"));
                }));
    assertEquals(1, other.get());
  }
}
