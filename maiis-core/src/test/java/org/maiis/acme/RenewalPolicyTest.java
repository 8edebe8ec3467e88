package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.maiis.config.TlsConfig;
import org.maiis.tls.CertificateInfo;

class RenewalPolicyTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final RenewalPolicy policy =
      new RenewalPolicy(new TlsConfig.Renewal(true, 1.0 / 3, 0.5), new Random(7));

  static CertificateInfo cert(Duration lifetime) {
    return new CertificateInfo("x", List.of("x"), "ca", "ec256", "1", T0, T0.plus(lifetime), "00");
  }

  @Test
  void ninetyDayCertificatesRenewWithAThirdLeft() {
    CertificateInfo c = cert(Duration.ofDays(90));
    RenewalPolicy.Decision before = policy.decide(c, T0.plus(Duration.ofDays(59)));
    assertFalse(before.due());
    assertEquals(T0.plus(Duration.ofDays(60)), before.renewAt());
    assertTrue(policy.decide(c, T0.plus(Duration.ofDays(60))).due());
    assertEquals("lifetime rule: 33% of 90d left", before.reason());
  }

  @Test
  void fortyFiveDayCertificatesRenewAfterThirtyDaysNotAtAFixedThirtyLeft() {
    CertificateInfo c = cert(Duration.ofDays(45));
    assertEquals(T0.plus(Duration.ofDays(30)), policy.decide(c, T0).renewAt());
  }

  @Test
  void shortLivedCertificatesRenewAtHalfTheirLifetime() {
    CertificateInfo c = cert(Duration.ofHours(160));
    RenewalPolicy.Decision d = policy.decide(c, T0);
    assertEquals(T0.plus(Duration.ofHours(80)), d.renewAt());
    assertEquals("lifetime rule: 50% of 6d left", d.reason());
  }

  @Test
  void configuredFractionsAreUsed() {
    RenewalPolicy p = new RenewalPolicy(new TlsConfig.Renewal(true, 0.5, 0.75), new Random(1));
    assertEquals(T0.plus(Duration.ofDays(45)), p.decide(cert(Duration.ofDays(90)), T0).renewAt());
    assertEquals(T0.plus(Duration.ofDays(2)), p.decide(cert(Duration.ofDays(8)), T0).renewAt());
  }

  @Test
  void ariPicksATimeInsideTheWindowAndKeepsIt() {
    Instant start = T0.plus(Duration.ofDays(60));
    Instant end = T0.plus(Duration.ofDays(62));
    RenewalPolicy.Decision d = policy.decide(start, end, null, T0);
    assertFalse(d.due());
    assertFalse(d.renewAt().isBefore(start));
    assertFalse(d.renewAt().isAfter(end));
    assertTrue(d.reason().startsWith("ARI window "));
    assertEquals(d.renewAt(), policy.decide(start, end, d.renewAt(), T0).renewAt());
    assertTrue(policy.decide(start, end, d.renewAt(), d.renewAt()).due());
  }

  @Test
  void aTimePickedForAnOldWindowIsRedrawnInTheNewOne() {
    Instant start = T0.plus(Duration.ofDays(10));
    Instant end = T0.plus(Duration.ofDays(11));
    RenewalPolicy.Decision d = policy.decide(start, end, T0.plus(Duration.ofDays(60)), T0);
    assertFalse(d.renewAt().isBefore(start));
    assertFalse(d.renewAt().isAfter(end));
  }

  @Test
  void aWindowInThePastIsDueNow() {
    assertTrue(policy.decide(T0.minusSeconds(100), T0.minusSeconds(10), null, T0).due());
  }
}
