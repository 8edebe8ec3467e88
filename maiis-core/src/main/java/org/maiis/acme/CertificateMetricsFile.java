package org.maiis.acme;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.maiis.files.AtomicFiles;
import org.maiis.metrics.CertificateMetrics;

/**
 * Writes the certificate figures as a Prometheus textfile (node_exporter textfile collector),
 * atomically so the collector never reads half a file. Names match {@code
 * org.maiis.metrics.CertificateMetrics}.
 */
public final class CertificateMetricsFile {
  /** Expiry (notAfter) of the live certificate, per lineage. */
  public static final String EXPIRY = CertificateMetrics.EXPIRY_TIMESTAMP;

  /** When a renewal was last attempted. */
  public static final String LAST_ATTEMPT = CertificateMetrics.LAST_ATTEMPT_TIMESTAMP;

  /** When a renewal last succeeded. */
  public static final String LAST_SUCCESS = CertificateMetrics.LAST_SUCCESS_TIMESTAMP;

  /** 1 for the current result (renewed, not_due, failed, deploy_failed) of each lineage. */
  public static final String LAST_RESULT = CertificateMetrics.RENEWAL_RESULT;

  /** The results a lineage can be in. */
  public static final List<String> RESULTS = CertificateMetrics.RESULTS;

  /**
   * One lineage's figures.
   *
   * @param lineage the lineage name
   * @param expiry notAfter of the live certificate, or null when there is none
   * @param state the last runs' record
   */
  public record Entry(String lineage, Instant expiry, LineageState state) {}

  private CertificateMetricsFile() {}

  /** The textfile for {@code entries}, sorted as given. */
  public static String render(List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    family(sb, EXPIRY, "Expiry (notAfter) of the live certificate, Unix seconds.");
    for (Entry e : entries) {
      if (e.expiry() != null) {
        sample(sb, EXPIRY, e.lineage(), null, e.expiry().getEpochSecond());
      }
    }
    family(sb, LAST_ATTEMPT, "When a renewal of the lineage was last attempted, Unix seconds.");
    for (Entry e : entries) {
      if (e.state().lastAttempt() != null) {
        sample(sb, LAST_ATTEMPT, e.lineage(), null, e.state().lastAttempt().getEpochSecond());
      }
    }
    family(sb, LAST_SUCCESS, "When a renewal of the lineage last succeeded, Unix seconds.");
    for (Entry e : entries) {
      if (e.state().lastSuccess() != null) {
        sample(sb, LAST_SUCCESS, e.lineage(), null, e.state().lastSuccess().getEpochSecond());
      }
    }
    family(sb, LAST_RESULT, "Result of the last renewal run: 1 for the current result.");
    for (Entry e : entries) {
      if (e.state().lastResult() != null) {
        for (String r : RESULTS) {
          sample(sb, LAST_RESULT, e.lineage(), r, r.equals(e.state().lastResult()) ? 1 : 0);
        }
      }
    }
    return sb.toString();
  }

  /** Writes {@link #render} to {@code file} atomically (mode 0644). */
  public static void write(Path file, List<Entry> entries) throws IOException {
    AtomicFiles.writeString(file, render(entries));
  }

  private static void family(StringBuilder sb, String name, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(" gauge\n");
  }

  private static void sample(StringBuilder sb, String name, String lineage, String result, long v) {
    sb.append(name).append("{lineage=\"").append(escape(lineage)).append('"');
    if (result != null) {
      sb.append(",result=\"").append(result).append('"');
    }
    sb.append("} ").append(String.format(Locale.ROOT, "%d", v)).append('\n');
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
