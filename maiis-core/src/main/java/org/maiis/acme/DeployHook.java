package org.maiis.acme;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.maiis.process.ProcessRunner;

/**
 * Runs the user's deploy hook ({@code sh -c HOOK}) after a lineage was renewed, with {@code
 * MAIIS_LINEAGE}, {@code MAIIS_CERT_DIR} (the live directory) and {@code MAIIS_DOMAINS}
 * (space-separated) in its environment, and certbot's {@code RENEWED_LINEAGE} (the live directory)
 * and {@code RENEWED_DOMAINS}, so a deploy script written for certbot runs unchanged.
 */
public final class DeployHook {
  private final ProcessRunner runner;

  /** Runs hooks through {@code runner} (its timeout bounds a hanging hook). */
  public DeployHook(ProcessRunner runner) {
    this.runner = runner;
  }

  /** Runs {@code hook}; throws with the hook's first stderr line when it fails. */
  public void run(String hook, String lineage, Path liveDir, List<String> domains)
      throws IOException {
    ProcessRunner.Result r =
        runner.run(
            List.of("sh", "-c", hook),
            null,
            Map.of(
                "MAIIS_LINEAGE", lineage,
                "MAIIS_CERT_DIR", liveDir.toString(),
                "MAIIS_DOMAINS", String.join(" ", domains),
                "RENEWED_LINEAGE", liveDir.toString(),
                "RENEWED_DOMAINS", String.join(" ", domains)),
            null);
    if (!r.ok()) {
      String why = r.timedOut() ? "timed out" : "exited " + r.exitCode();
      String detail = r.stderr().strip().lines().findFirst().orElse("");
      throw new IOException("deploy hook " + why + (detail.isEmpty() ? "" : ": " + detail));
    }
  }
}
