package org.maiis.acme;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.maiis.tls.CertificateInfo;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Whether a live certificate is due: revoked and expired ones always are; otherwise the CA's ARI
 * window (asked at most once per its Retry-After) or, without one, the lifetime rule.
 */
final class RenewalDecider {
  /** How long to trust renewal information when the CA sends no Retry-After (RFC 9773: 6 h). */
  static final Duration ARI_RECHECK = Duration.ofHours(6);

  private final RenewalPolicy policy;
  private final LineageRecords records;

  RenewalDecider(RenewalPolicy policy, LineageRecords records) {
    this.policy = policy;
    this.records = records;
  }

  /**
   * The decision for {@code cert}, asking the CA for its window when the stored one is stale.
   *
   * @param persist whether the CA's answer is kept in the state file (never in a dry run)
   */
  RenewalPolicy.Decision decide(
      LineageSettings s,
      X509Certificate cert,
      LineageState state,
      Instant now,
      boolean persist,
      CaClients cas)
      throws IOException {
    CertificateInfo info = CertificateInfo.of(cert);
    if (state.revokes(info)) {
      return revokedDecision(state);
    }
    RenewalPolicy.Decision byWindow;
    if (!policy.usesAri()) {
      byWindow = policy.decide(info, now);
    } else if (state.ariNextCheck() != null && now.isBefore(state.ariNextCheck())) {
      // Within the CA's Retry-After the stored answer stands: a no-op run needs no network at all.
      byWindow =
          state.ariStart() != null
              ? policy.decide(state.ariStart(), state.ariEnd(), state.renewAt(), now)
              : policy.decide(info, now);
    } else {
      try {
        byWindow = askCa(s, cert, state, now, persist, cas.of(s));
      } catch (IOException | AcmeException e) {
        // RFC 9773: without renewal information the client falls back to its own schedule; a CA
        // that is down must not turn a run with nothing due into a failure.
        byWindow = policy.decide(info, now);
      }
    }
    return bounded(byWindow, info, now);
  }

  /** The decision status shows: from the stored window or the lifetime rule, without the CA. */
  RenewalPolicy.Decision offline(CertificateInfo info, LineageState st, Instant now) {
    if (st.revokes(info)) {
      return revokedDecision(st);
    }
    return bounded(
        st.ariStart() != null && st.renewAt() != null && policy.usesAri()
            ? policy.decide(st.ariStart(), st.ariEnd(), st.renewAt(), now)
            : policy.decide(info, now),
        info,
        now);
  }

  /**
   * An expired certificate is due whatever the CA's window says, and a window that opens only after
   * the certificate expires cannot be followed (the site would serve an expired certificate until
   * then): the lifetime rule decides instead.
   */
  private RenewalPolicy.Decision bounded(
      RenewalPolicy.Decision d, CertificateInfo cert, Instant now) {
    if (!cert.notAfter().isAfter(now)) {
      return new RenewalPolicy.Decision(
          true, cert.notAfter(), "the live certificate expired at " + cert.notAfter());
    }
    if (!d.renewAt().isBefore(cert.notAfter())) {
      RenewalPolicy.Decision l = policy.decide(cert, now);
      return new RenewalPolicy.Decision(
          l.due(),
          l.renewAt(),
          l.reason() + "; the CA's window opens after expiry (" + d.reason() + ")");
    }
    return d;
  }

  // A revoked certificate is refused by browsers: like certbot, renew replaces it at once.
  private static RenewalPolicy.Decision revokedDecision(LineageState state) {
    return new RenewalPolicy.Decision(
        true, state.revokedAt(), "the live certificate was revoked at " + state.revokedAt());
  }

  private RenewalPolicy.Decision askCa(
      LineageSettings s,
      X509Certificate cert,
      LineageState state,
      Instant now,
      boolean persist,
      CaClients.Client ca)
      throws IOException, AcmeException {
    Session session = ca.session();
    Pacing pacing = ca.pacing();
    if (pacing.retry(() -> session.resourceUrlOptional(Resource.RENEWAL_INFO)).isEmpty()) {
      if (persist) {
        records.record(s.name(), state.withWindow(null, null, null, now.plus(ARI_RECHECK)));
      }
      return policy.decide(CertificateInfo.of(cert), now);
    }
    Login login = ca.login(Accounts.Registration.NONE);
    RenewalInfo ri = login.bindRenewalInfo(cert);
    Optional<Instant> retryAfter = pacing.retry(ri::fetch);
    Instant next = retryAfter.filter(t -> t.isAfter(now)).orElse(now.plus(ARI_RECHECK));
    if (next.isAfter(now.plus(Duration.ofHours(24)))) {
      next = now.plus(Duration.ofHours(24));
    }
    RenewalPolicy.Decision d =
        policy.decide(
            ri.getSuggestedWindowStart(), ri.getSuggestedWindowEnd(), state.renewAt(), now);
    if (persist) {
      records.record(
          s.name(),
          state.withWindow(
              ri.getSuggestedWindowStart(), ri.getSuggestedWindowEnd(), d.renewAt(), next));
    }
    return d;
  }
}
