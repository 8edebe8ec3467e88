package org.maiis.acme;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.maiis.acme.CertificateManager.DryRun;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;
import org.maiis.metrics.CertificateMetrics;

/**
 * Renews one lineage: first repairs what an earlier run left (a pending certificate is deployed
 * without a new order; a first issuance killed before its renewal file is completed from the
 * archive), then decides and, when due, orders.
 *
 * @param store the lineages' files
 * @param records the lineages' renewal settings and state
 * @param pacing the requests' pacing and clock
 * @param decider whether a lineage is due
 * @param ordering orders, stages and deploys a new certificate
 * @param deployment makes a staged version live
 */
record LineageRenewal(
    CertificateStore store,
    LineageRecords records,
    Pacing pacing,
    RenewalDecider decider,
    CertificateOrdering ordering,
    LineageDeployment deployment) {

  /**
   * Renews {@code name} when due (or {@code force}).
   *
   * @param mode a real run, or how far a dry run goes
   * @param hookOverride replaces the lineage's deploy hook, or null
   * @param cas the run's CA sessions and accounts
   */
  Outcome renew(String name, boolean force, DryRun mode, String hookOverride, CaClients cas)
      throws IOException {
    boolean dryRun = mode != DryRun.NONE;
    Optional<LineageSettings> settings = records.settings(name);
    OptionalInt pending = store.pendingVersion(name);
    if (settings.isEmpty() && pending.isPresent()) {
      // A first issuance that died before writing its renewal file: the archive kept a copy.
      settings = store.stagedSettings(name, pending.getAsInt());
      if (settings.isPresent() && !dryRun) {
        JsonFiles.write(store.renewalFile(name), settings.get());
      }
    }
    if (settings.isEmpty()) {
      return new Outcome(name, Result.FAILED, "no renewal file " + store.renewalFile(name));
    }
    LineageSettings s = settings.get();
    if (hookOverride != null) {
      s = s.withDeployHook(hookOverride);
    }
    LineageState state = records.state(name);
    Instant now = pacing.clock().instant();
    if (pending.isPresent()) {
      Outcome deployed = deployPending(s, pending.getAsInt(), state, now, dryRun);
      if (deployed != null) {
        return deployed;
      }
    }
    X509Certificate current = null;
    String broken = null;
    try {
      current = store.currentChain(name).map(c -> c.get(0)).orElse(null);
      if (current != null && !store.currentKeyMatches(name, current)) {
        broken = "the live key does not match the certificate";
      }
    } catch (IOException e) {
      broken = ErrorLines.oneLine(e);
    }
    if (broken != null) {
      // nginx cannot load a damaged pair: a new certificate repairs the lineage.
      current = null;
    }
    RenewalPolicy.Decision d = null;
    if (current != null && !force) {
      d = decider.decide(s, current, state, now, !dryRun, cas);
      state = records.state(name);
      if (!d.due()) {
        if (!dryRun) {
          records.record(name, state.attempted(now, CertificateMetrics.RESULT_NOT_DUE, null));
        }
        return rehearsed(
            s,
            mode,
            new Outcome(name, Result.NOT_DUE, "renews at " + d.renewAt() + " (" + d.reason() + ")"),
            cas);
      }
    }
    if (dryRun) {
      String why =
          d != null
              ? d.reason()
              : force ? "forced" : broken != null ? broken : "no live certificate";
      return rehearsed(s, mode, new Outcome(name, Result.WOULD_RENEW, why), cas);
    }
    return ordering.obtain(s, Accounts.Registration.NONE, current, true, false, cas);
  }

  /**
   * {@code decided} after a rehearsal at the CA when {@code mode} asks for one: unchanged but for a
   * note when the order's challenges passed, failed with the reason when they did not.
   */
  private Outcome rehearsed(LineageSettings s, DryRun mode, Outcome decided, CaClients cas) {
    if (mode != DryRun.REHEARSE) {
      return decided;
    }
    String failed = ordering.rehearse(s, cas);
    if (failed != null) {
      return new Outcome(decided.lineage(), Result.FAILED, "dry run: " + failed);
    }
    return new Outcome(
        decided.lineage(),
        decided.result(),
        decided.detail() + "; dry run: order and challenges passed at " + s.directory());
  }

  /**
   * Deploys the pending {@code version} an earlier run obtained, or returns null when it cannot be
   * used (then its mark is dropped, outside a dry run, and the lineage is decided as usual).
   */
  private Outcome deployPending(
      LineageSettings s, int version, LineageState state, Instant now, boolean dryRun)
      throws IOException {
    String name = s.name();
    String unusable =
        store.currentVersion(name).orElse(0) > version
            ? "older than the live version"
            : deployment.unusable(name, version, state, now);
    if (unusable == null) {
      if (dryRun) {
        return new Outcome(
            name,
            Result.WOULD_RENEW,
            "would deploy version " + version + ", issued by an earlier run (no new order)");
      }
      // The certificate an earlier run obtained is deployed; ordering again would spend the
      // CA's rate limit on a certificate we already have.
      int previous = store.currentVersion(name).orElse(0);
      X509Certificate leaf = store.chain(name, version).get(0);
      return deployment.deploy(
          s, version, previous, leaf, now, "; issued by an earlier run, no new order");
    }
    if (!dryRun) {
      // Kept in the archive, but never made live: it is expired, revoked or damaged.
      store.clearPending(name);
    }
    return null;
  }
}
