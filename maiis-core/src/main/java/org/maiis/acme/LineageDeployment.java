package org.maiis.acme;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;
import org.maiis.metrics.CertificateMetrics;
import org.maiis.process.ProcessRunner;
import org.maiis.tls.CertificateInfo;

/**
 * Makes a staged version live and runs the deploy hook (or the built-in nginx step), rolling back
 * to the previous version when the hook fails, unless that one must not be served again.
 */
final class LineageDeployment {
  private final CertificateStore store;
  private final LineageRecords records;
  private final ProcessRunner hooks;
  private final NginxDeploy nginx;

  LineageDeployment(
      CertificateStore store, LineageRecords records, ProcessRunner hooks, NginxDeploy nginx) {
    this.store = store;
    this.records = records;
    this.hooks = hooks;
    this.nginx = nginx;
  }

  /**
   * Makes staged {@code version} live and runs the deploy hook; clears the pending mark only when
   * both succeeded. When the hook fails the version stays pending for the next run, and the
   * previous version is live again unless it is revoked or expired (never serve those). Deploys
   * take turns (synchronized): lineages renewed at the same time must not reload one web server
   * concurrently, nor roll back over each other's reload.
   *
   * @param note appended to the outcome's detail, or null
   */
  synchronized Outcome deploy(
      LineageSettings s,
      int version,
      int previous,
      X509Certificate leaf,
      Instant started,
      String note)
      throws IOException {
    LineageState state = records.state(s.name());
    Instant notAfter = leaf.getNotAfter().toInstant();
    store.activate(s.name(), version);
    if (s.deployHook() != null) {
      boolean builtIn = NginxDeploy.isBuiltIn(s.deployHook());
      try {
        if (builtIn) {
          nginx.deploy(s.deployHook(), s.domains().get(0).replace("*.", "www."), leaf);
        } else {
          new DeployHook(hooks).run(s.deployHook(), s.name(), store.liveDir(s.name()), s.domains());
        }
      } catch (IOException e) {
        String restored = "";
        if (previous > 0 && previous != version) {
          String bad = unusable(s.name(), previous, state, started);
          if (bad == null) {
            store.activate(s.name(), previous);
            restored = "; version " + previous + " restored";
            if (builtIn) {
              try {
                nginx.reload(); // serve the restored version again
              } catch (IOException again) {
                e.addSuppressed(again);
              }
            }
          } else {
            restored = "; version " + previous + " not restored (" + bad + ")";
          }
        }
        String why = ErrorLines.oneLine(e);
        records.record(
            s.name(), state.attempted(started, CertificateMetrics.RESULT_DEPLOY_FAILED, why));
        return new Outcome(
            s.name(),
            Result.DEPLOY_FAILED,
            why
                + restored
                + "; version "
                + version
                + " is kept and the next renew deploys it without a new order");
      }
    }
    store.clearPending(s.name());
    records.record(s.name(), LineageState.issued(started));
    return new Outcome(
        s.name(),
        Result.RENEWED,
        "version " + version + ", expires " + notAfter + (note == null ? "" : note));
  }

  /**
   * Why archived {@code version} must not be made live (expired, revoked or damaged), or null when
   * it may.
   */
  String unusable(String name, int version, LineageState state, Instant now) {
    try {
      X509Certificate leaf = store.chain(name, version).get(0);
      if (!store.keyMatches(name, version, leaf)) {
        return "version " + version + ": the key does not match the certificate";
      }
      CertificateInfo info = CertificateInfo.of(leaf);
      if (!info.notAfter().isAfter(now)) {
        return "version " + version + " expired at " + info.notAfter();
      }
      if (state.revokes(info)) {
        return "version " + version + " was revoked";
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return ErrorLines.oneLine(e);
    }
  }
}
