package org.maiis.cli.ssl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.acme.CertificateManager;
import org.maiis.acme.CertificateMetricsFile;
import org.maiis.acme.CertificateStore;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ErrorHandler;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maiis ssl renew}: renews every lineage that is due, and only those. */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  maiis ssl renew",
      "  maiis ssl renew --dry-run",
      "  maiis ssl renew --metrics-file /var/lib/node_exporter/ssl.prom",
      "  maiis ssl renew --name example.com --force --json"
    },
    description = {
      "Renew every lineage that is due, and only those.",
      "Due: inside the CA's ARI window, else 1/3 of the lifetime left (1/2 under 10",
      "days). Uses what each lineage's renewal file recorded. Lineages of one CA are",
      "renewed --concurrency at a time over one session and account; one that fails",
      "fails alone. One line per lineage on stderr (--json: an array on stdout). Exit",
      "0 when nothing was due or all renewed, 5 when a renewal failed, 6 when a deploy",
      "hook failed (the previous certificate is live again; the new one is kept and",
      "the next run deploys it without a new order)."
    })
public final class SslRenewCommand extends SslChangeCommand implements Callable<Integer> {
  @Option(
      names = "--name",
      converter = LineageNameConverter.class,
      paramLabel = "LINEAGE",
      description = "Only this lineage.")
  String name;

  @Option(names = "--force", description = "Renew even when not due.")
  boolean force;

  @Option(
      names = "--dry-run",
      description =
          "Rehearse at the CA: a real order whose challenges are answered, then discarded;"
              + " installs nothing, runs no hook, changes no file. Exit 5 when it would fail.")
  boolean dryRun;

  @Option(
      names = "--deploy-hook",
      paramLabel = "CMD",
      description = "Run after each renewal instead of the recorded hook.")
  String deployHook;

  @Option(
      names = "--metrics-file",
      paramLabel = "PATH",
      description = "Write a Prometheus textfile (node_exporter textfile collector).")
  Path metricsFile;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Lineages of one CA renewed at the same time (default: tls.renewal.concurrency, 8).")
  Integer concurrency;

  @Option(names = "--json", description = "Machine-readable output: one object per lineage.")
  boolean json;

  @Override
  public Integer call() {
    MaiisConfig c = config.loadOrDefaults();
    CertificateStore store = certDir.existingStore(c);
    if (concurrency != null && concurrency < 1) {
      throw new CliFailure(
          ExitCodes.USAGE, "--concurrency: expected 1 or more, got " + concurrency);
    }
    CertificateManager m =
        manager(c, store)
            .withConcurrency(concurrency != null ? concurrency : c.tls().renewal().concurrency());
    List<CertificateManager.Outcome> outcomes;
    try {
      outcomes =
          m.renew(
              name,
              force,
              dryRun ? CertificateManager.DryRun.REHEARSE : CertificateManager.DryRun.NONE,
              deployHook);
    } catch (IOException e) {
      throw Managers.failure(e);
    }
    // The summary first: a metrics file that cannot be written must not hide what was renewed.
    int code = Managers.report(outcomes, err());
    if (json) {
      out().println(Managers.json(outcomes));
    }
    if (metricsFile != null) {
      try {
        // Every lineage, damaged ones included (as failed), so their alerts fire.
        CertificateMetricsFile.write(metricsFile, CertificateMetricsFile.entries(store));
      } catch (IOException e) {
        String why =
            java.nio.file.Files.isDirectory(metricsFile)
                ? "is a directory"
                : e instanceof java.nio.file.AccessDeniedException
                    ? "is not writable (permission denied)"
                    : "cannot be written: " + Managers.failure(e).getMessage();
        err()
            .println(
                ErrorHandler.line(
                    spec.commandLine(),
                    "--metrics-file: " + metricsFile + " " + why,
                    "Point --metrics-file at a file it can write"));
        return code == ExitCodes.OK ? ExitCodes.FAILURE : code;
      }
    }
    return code;
  }
}
