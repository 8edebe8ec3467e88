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
import org.shredzone.acme4j.Login;
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
      Lock port = challengePort(s);
      if (port != null) {
        port.lock();
      }
      try {
        ChallengeResponder responder = responder(s);
        try {
          Login login = ca.login(reg);
          issued =
              new AcmeIssuer(ca.pacing())
                  .issue(login, s.domains(), s.keyType(), s.profile(), replaces, responder);
        } catch (IOException | AcmeException | RuntimeException e) {
          closeQuietly(responder, e);
          throw e;
        }
        // A challenge left behind (a DNS record, a file) must not throw away a certificate the CA
        // already issued: it is installed and deployed, and the cleanup failure is reported.
        try {
          responder.close();
        } catch (IOException e) {
          cleanup = "; challenge cleanup failed: " + ErrorLines.oneLine(e);
        }
      } finally {
        if (port != null) {
          port.unlock();
        }
      }
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
              + CertificateStore.rescue(name, issued.key(), issued.chain());
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
