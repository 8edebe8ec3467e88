package org.maiis.acme;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maiis.metrics.CertificateMetrics;

/**
 * The certificate figures of a certificate directory, read at every scrape: the same series that
 * {@code maiis ssl renew --metrics-file} writes, served from {@code maiis serve}'s /metrics so the
 * expiry alerts have a source even without node_exporter's textfile collector.
 */
public final class CertificateCollector implements MultiCollector {
  private final CertificateStore store;

  /** Reads the lineages of {@code store}. */
  public CertificateCollector(CertificateStore store) {
    this.store = store;
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder expiry =
        gauge(
            CertificateMetrics.EXPIRY_TIMESTAMP,
            "Expiry (notAfter) of the live certificate, Unix seconds.");
    GaugeSnapshot.Builder attempt =
        gauge(
            CertificateMetrics.LAST_ATTEMPT_TIMESTAMP,
            "When a renewal of the lineage was last attempted, Unix seconds.");
    GaugeSnapshot.Builder success =
        gauge(
            CertificateMetrics.LAST_SUCCESS_TIMESTAMP,
            "When a renewal of the lineage last succeeded, Unix seconds.");
    GaugeSnapshot.Builder result =
        gauge(
            CertificateMetrics.RENEWAL_RESULT,
            "Result of the last renewal run: 1 for the current result.");
    try {
      for (String name : store.lineages()) {
        Labels lineage = Labels.of(CertificateMetrics.LINEAGE, name);
        // One damaged lineage loses only its own points, never the whole scrape.
        try {
          Optional<List<X509Certificate>> chain = store.currentChain(name);
          chain.ifPresent(
              c -> expiry.dataPoint(point(lineage, c.get(0).getNotAfter().toInstant())));
        } catch (IOException e) {
          // no expiry point for it; `maiis ssl status` names the damaged file
        }
        LineageState s;
        try {
          s = JsonFiles.read(store.stateFile(name), LineageState.class).orElse(LineageState.EMPTY);
        } catch (IOException e) {
          s = LineageState.EMPTY;
        }
        if (s.lastAttempt() != null) {
          attempt.dataPoint(point(lineage, s.lastAttempt()));
        }
        if (s.lastSuccess() != null) {
          success.dataPoint(point(lineage, s.lastSuccess()));
        }
        if (s.lastResult() != null) {
          for (String r : CertificateMetrics.RESULTS) {
            result.dataPoint(
                GaugeDataPointSnapshot.builder()
                    .labels(lineage.add(CertificateMetrics.RESULT, r))
                    .value(r.equals(s.lastResult()) ? 1 : 0)
                    .build());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read certificate directory " + store.root(), e);
    }
    return MetricSnapshots.of(expiry.build(), attempt.build(), success.build(), result.build());
  }

  @Override
  public List<String> getPrometheusNames() {
    return new ArrayList<>(
        CertificateMetrics.NAMES.stream()
            .filter(n -> !n.equals(CertificateMetrics.NOT_BEFORE_TIMESTAMP))
            .toList());
  }

  private static GaugeSnapshot.Builder gauge(String name, String help) {
    return GaugeSnapshot.builder().name(name).help(help);
  }

  private static GaugeDataPointSnapshot point(Labels labels, Instant t) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(t.getEpochSecond()).build();
  }
}
