package org.maiis.acme;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
    try {
      // A damaged lineage keeps a result line (failed), never takes the scrape down with it.
      return CertificateMetricsFile.snapshots(CertificateMetricsFile.entries(store));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read certificate directory " + store.root(), e);
    }
  }

  @Override
  public List<String> getPrometheusNames() {
    return new ArrayList<>(
        CertificateMetrics.NAMES.stream()
            .filter(n -> !n.equals(CertificateMetrics.NOT_BEFORE_TIMESTAMP))
            .toList());
  }
}
