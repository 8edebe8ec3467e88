package org.maiis.acme;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;
import org.maiis.metrics.CertificateMetrics;
import org.maiis.process.ProcessRunner;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Orders a certificate from the lineage's CA, stages it in the archive (from then on it is never
 * lost, even when the directory will not take it) and hands it to the deployment.
 */
final class CertificateOrdering {
  private final CertificateStore store;
  private final LineageRecords records;
  private final Pacing pacing;
  private final ProcessRunner hooks;
  private final LineageDeployment deployment;
  private final Map<String, Lock> standalonePorts = new ConcurrentHashMap<>();

  CertificateOrdering(
      CertificateStore store,
      LineageRecords records,
      Pacing pacing,
      ProcessRunner hooks,
      LineageDeployment deployment) {
    this.store = store;
    this.records = records;
    this.pacing = pacing;
    this.hooks = hooks;
    this.deployment = deployment;
  }

  /**
   * Orders a certificate, stages it (never lost from here on), and deploys it.
   *
   * @param deploy whether the deploy hook runs
   * @param writeSettings whether {@code s} becomes the lineage's renewal file (issue)
   * @param cas the run's CA sessions and accounts
   */
  Outcome obtain(
      LineageSettings s,
      Accounts.Registration reg,
      X509Certificate replaces,
      boolean deploy,
      boolean writeSettings,
      CaClients cas)
      throws IOException {
    Instant started = pacing.clock().instant();
    LineageState state = records.state(s.name());
    AcmeIssuer.Issued issued;
    int previous = store.currentVersion(s.name()).orElse(0);
    int version;
    String cleanup = null;
    try {
      CaClients.Client ca = cas.of(s);
      Answered<AcmeIssuer.Issued> done =
          withResponder(
              s,
              r ->
                  new AcmeIssuer(ca.pacing())
                      .issue(ca.login(reg), s.domains(), s.keyType(), s.profile(), replaces, r));
      issued = done.value();
      cleanup = done.cleanup();
      IssuedChainCheck.check(s.domains(), issued.chain());
      try {
        version = store.stage(s.name(), issued.key(), issued.chain(), writeSettings ? s : null);
      } catch (IOException | RuntimeException e) {
        throw new IOException(notStored(s.name(), issued, e), e);
      }
    } catch (IOException | AcmeException | RuntimeException e) {
      String why = CaErrors.describe(e, s.directory(), s.caBundle());
      records.record(s.name(), state.attempted(started, CertificateMetrics.RESULT_FAILED, why));
      return new Outcome(s.name(), Result.FAILED, why);
    }
    if (writeSettings) {
      JsonFiles.write(store.renewalFile(s.name()), s);
    }
    return deployment.deploy(
        deploy ? s : s.withDeployHook(null),
        version,
        previous,
        issued.chain().get(0),
        started,
        cleanup);
  }

  /**
   * A dry run of {@link #obtain}: a real order at the lineage's CA whose challenges are answered as
   * a renewal would answer them, then discarded (never finalized: nothing is issued, stored,
   * deployed or recorded).
   *
   * @return null when every challenge passed, else the one-line reason
   */
  String rehearse(LineageSettings s, CaClients cas) {
    try {
      CaClients.Client ca = cas.of(s);
      Answered<Void> done =
          withResponder(
              s,
              r -> {
                new AcmeIssuer(ca.pacing())
                    .rehearse(ca.login(Accounts.Registration.NONE), s.domains(), s.profile(), r);
                return null;
              });
      return done.cleanup() == null ? null : done.cleanup().substring("; ".length());
    } catch (IOException | AcmeException | RuntimeException e) {
      return CaErrors.describe(e, s.directory(), s.caBundle());
    }
  }

  /** What the CA's challenges were answered for, and how their cleanup failed ("; ...") or null. */
  private record Answered<T>(T value, String cleanup) {}

  /** Work done while the lineage's challenges can be answered. */
  @FunctionalInterface
  private interface WithResponder<T> {
    T run(ChallengeResponder responder) throws IOException, AcmeException;
  }

  /**
   * Runs {@code work} with the lineage's challenge responder (the standalone port held), then
   * removes every published answer. A cleanup that fails after {@code work} succeeded does not fail
   * it (the CA may have issued a certificate that must not be lost): it is returned instead.
   */
  private <T> Answered<T> withResponder(LineageSettings s, WithResponder<T> work)
      throws IOException, AcmeException {
    Lock port = challengePort(s);
    if (port != null) {
      port.lock();
    }
    try {
      ChallengeResponder responder = responder(s);
      T value;
      try {
        value = work.run(responder);
      } catch (IOException | AcmeException | RuntimeException e) {
        closeQuietly(responder, e);
        throw e;
      }
      try {
        responder.close();
      } catch (IOException e) {
        return new Answered<>(value, "; challenge cleanup failed: " + ErrorLines.oneLine(e));
      }
      return new Answered<>(value, null);
    } finally {
      if (port != null) {
        port.unlock();
      }
    }
  }

  /**
   * The line for a certificate the CA issued but the directory would not take: what failed, what to
   * do, and where the certificate was saved instead (never thrown away).
   */
  private String notStored(String name, AcmeIssuer.Issued issued, Exception e) {
    String why =
        e instanceof java.nio.file.AccessDeniedException
            ? "cannot write " + e.getMessage() + " (permission denied)"
            : ErrorLines.oneLine(e);
    String saved;
    try {
      saved =
          "the issued certificate is saved in "
              + VersionFiles.rescue(name, issued.key(), issued.chain());
    } catch (IOException again) {
      saved =
          "the issued certificate could not be saved either (" + ErrorLines.oneLine(again) + ")";
    }
    return "issued, but not stored in "
        + store.root()
        + ": "
        + why
        + "; "
        + saved
        + ". Fix the directory's permissions (run as its owner, usually root) and install it"
        + " by hand, or run again";
  }

  /**
   * The lock of the port a standalone lineage answers on: lineages renewed at the same time take
   * turns, since only one server can listen there. Other challenges need none (null).
   */
  private Lock challengePort(LineageSettings s) {
    LineageSettings.Challenge c = s.challenge();
    if (!"standalone".equals(c.type())) {
      return null;
    }
    return standalonePorts.computeIfAbsent(
        c.httpAddress() + ":" + c.httpPort(), p -> new ReentrantLock());
  }

  private static void closeQuietly(ChallengeResponder r, Exception failure) {
    try {
      r.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  ChallengeResponder responder(LineageSettings s) throws IOException {
    LineageSettings.Challenge c = s.challenge();
    switch (c.type()) {
      case "webroot":
        return new WebrootResponder(c.webroot());
      case "standalone":
        return new StandaloneResponder(
            c.httpAddress() == null
                ? new InetSocketAddress(c.httpPort())
                : new InetSocketAddress(c.httpAddress(), c.httpPort()));
      case "dns":
        return new DnsHookResponder(c.dnsHook(), hooks);
      default:
        throw new IOException(s.name() + ": unknown challenge type " + c.type());
    }
  }
}
