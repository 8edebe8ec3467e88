package org.maiis.acme;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.maiis.files.AtomicFiles;
import org.maiis.metrics.CertificateMetrics;

/**
 * Writes the certificate figures as a Prometheus textfile (node_exporter textfile collector),
 * atomically so the collector never reads half a file. The series are built once, as metric
 * snapshots shared with {@link CertificateCollector}, and written by the client library's text
 * format writer, so the textfile and {@code /metrics} cannot drift apart. Names match {@code
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

  /** The series for {@code entries}, in the order given. */
  static MetricSnapshots snapshots(List<Entry> entries) {
    GaugeSnapshot.Builder expiry =
        gauge(EXPIRY, "Expiry (notAfter) of the live certificate, Unix seconds.");
    GaugeSnapshot.Builder attempt =
        gauge(LAST_ATTEMPT, "When a renewal of the lineage was last attempted, Unix seconds.");
    GaugeSnapshot.Builder success =
        gauge(LAST_SUCCESS, "When a renewal of the lineage last succeeded, Unix seconds.");
    GaugeSnapshot.Builder result =
        gauge(LAST_RESULT, "Result of the last renewal run: 1 for the current result.");
    for (Entry e : entries) {
      Labels lineage = Labels.of(CertificateMetrics.LINEAGE, e.lineage());
      if (e.expiry() != null) {
        expiry.dataPoint(point(lineage, e.expiry().getEpochSecond()));
      }
      if (e.state().lastAttempt() != null) {
        attempt.dataPoint(point(lineage, e.state().lastAttempt().getEpochSecond()));
      }
      if (e.state().lastSuccess() != null) {
        success.dataPoint(point(lineage, e.state().lastSuccess().getEpochSecond()));
      }
      if (e.state().lastResult() != null) {
        for (String r : RESULTS) {
          result.dataPoint(
              point(
                  lineage.add(CertificateMetrics.RESULT, r),
                  r.equals(e.state().lastResult()) ? 1 : 0));
        }
      }
    }
    return MetricSnapshots.of(expiry.build(), attempt.build(), success.build(), result.build());
  }

  /** The textfile for {@code entries}, sorted as given. */
  public static String render(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, snapshots(entries));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes {@link #render} to {@code file} atomically (mode 0644). */
  public static void write(Path file, List<Entry> entries) throws IOException {
    AtomicFiles.writeString(file, render(entries));
  }

  private static GaugeSnapshot.Builder gauge(String name, String help) {
    return GaugeSnapshot.builder().name(name).help(help);
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
