package org.maiis.cli.ssl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.maiis.acme.CertificateManager;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateStore;
import org.maiis.acme.Pacing;
import org.maiis.acme.RenewalPolicy;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.maiis.process.ProcessRunner;

/** Builds the core objects the ssl commands share and turns outcomes into exit codes. */
final class Managers {
  private Managers() {}

  /** Hooks may take a while (DNS propagation, nginx reload) but never forever. */
  static final Duration HOOK_TIMEOUT = Duration.ofMinutes(10);

  /** A parallel run (cron overlapping a manual run) is waited for, not failed. */
  static final Duration LOCK_WAIT = Duration.ofMinutes(15);

  static CertificateManager manager(MaiisConfig config, CertificateStore store) {
    return manager(config, store, LOCK_WAIT);
  }

  /** A manager that waits up to {@code lock}'s timeout and says so on {@code err}. */
  static CertificateManager manager(
      MaiisConfig config, CertificateStore store, LockOption lock, PrintWriter err) {
    return manager(config, store, lock.timeout()).withLockNotice(LockOption.notice(err));
  }

  private static CertificateManager manager(
      MaiisConfig config, CertificateStore store, Duration lockWait) {
    Clock clock = Clock.systemUTC();
    return new CertificateManager(
        store,
        new RenewalPolicy(config.tls().renewal(), RandomGenerator.getDefault()),
        Pacing.standard(clock),
        new ProcessRunner(HOOK_TIMEOUT),
        lockWait);
  }

  /** An I/O problem as a one-line failure (exit 1). */
  static CliFailure failure(java.io.IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      // The JDK's message is the bare path.
      return new CliFailure(
          ExitCodes.FAILURE,
          "cannot write " + e.getMessage() + " (permission denied)",
          "Run as the user that owns it (usually root), or pass another --cert-dir");
    }
    String m = e.getMessage() == null ? "an I/O error without details" : e.getMessage();
    return new CliFailure(
        ExitCodes.FAILURE, CertificateManager.withoutClassNames(m.lines().findFirst().orElse(m)));
  }

  /**
   * The outcomes as a JSON array, one object per lineage in name order: {@code lineage}, {@code
   * result} (issued, renewed, not_due, would_renew, failed, deploy_failed) and {@code detail}.
   */
  static String json(List<Outcome> outcomes) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = m.createArrayNode();
    for (Outcome o : outcomes) {
      array
          .addObject()
          .put("lineage", o.lineage())
          .put("result", o.result().name().toLowerCase(java.util.Locale.ROOT))
          .put("detail", o.detail());
    }
    try {
      return m.writeValueAsString(array);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of strings always serialises
    }
  }

  /** One summary line per lineage on stderr; the exit code cron sees. */
  static int report(List<Outcome> outcomes, PrintWriter err) {
    int code = ExitCodes.OK;
    for (Outcome o : outcomes) {
      String what = o.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      err.println("maiis ssl: " + o.lineage() + ": " + what + ": " + o.detail());
      switch (o.result()) {
        case FAILED:
          code = ExitCodes.RENEWAL_FAILED;
          break;
        case DEPLOY_FAILED:
          if (code == ExitCodes.OK) {
            code = ExitCodes.DEPLOY_FAILED;
          }
          break;
        default:
          break;
      }
    }
    return code;
  }
}
