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
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
   * @param error what makes the lineage's files unusable, or null; such a lineage reports {@code
   *     result="failed"} whatever its state says, so an alert fires instead of its series vanishing
   */
  public record Entry(String lineage, Instant expiry, LineageState state, String error) {
    /** An undamaged lineage. */
    public Entry(String lineage, Instant expiry, LineageState state) {
      this(lineage, expiry, state, null);
    }

    String result() {
      return error != null ? CertificateMetrics.RESULT_FAILED : state.lastResult();
    }
  }

  /**
   * The figures of every lineage of {@code store} (live or pending), damaged ones included: a
   * lineage whose certificate, key, renewal file or state cannot be used still gets its result
   * line, as failed.
   */
  public static List<Entry> entries(CertificateStore store) throws IOException {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(store.lineages());
    names.addAll(store.pendingLineages());
    List<Entry> out = new java.util.ArrayList<>();
    for (String name : names) {
      out.add(entry(store, name));
    }
    return out;
  }

  private static Entry entry(CertificateStore store, String name) {
    Instant expiry = null;
    LineageState state = LineageState.EMPTY;
    String error = null;
    try {
      state = JsonFiles.read(store.stateFile(name), LineageState.class).orElse(LineageState.EMPTY);
    } catch (IOException | RuntimeException e) {
      error = ErrorLines.oneLine(e);
    }
    try {
      Optional<List<X509Certificate>> chain = store.currentChain(name);
      if (chain.isPresent()) {
        expiry = chain.get().get(0).getNotAfter().toInstant();
        if (!store.currentKeyMatches(name, chain.get().get(0))) {
          throw new IOException(
              store.liveDir(name).resolve("privkey.pem") + ": does not match the certificate");
        }
      } else if (store.pendingVersion(name).isEmpty()) {
        throw new IOException(store.liveDir(name).resolve("fullchain.pem") + ": missing");
      }
      LineageRecords.readSettings(store, name);
    } catch (IOException | RuntimeException e) {
      error = error != null ? error : ErrorLines.oneLine(e);
    }
    return new Entry(name, expiry, state, error);
  }

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
      if (e.result() != null) {
        for (String r : RESULTS) {
          result.dataPoint(
              point(lineage.add(CertificateMetrics.RESULT, r), r.equals(e.result()) ? 1 : 0));
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
