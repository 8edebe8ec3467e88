package org.maiis.acme;

import io.prometheus.metrics.model.registry.MultiCollector;
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
    List<CertificateMetricsFile.Entry> entries = new ArrayList<>();
    try {
      for (String name : store.lineages()) {
        // One damaged lineage loses only its own points, never the whole scrape.
        Instant expiry = null;
        try {
          Optional<List<X509Certificate>> chain = store.currentChain(name);
          if (chain.isPresent()) {
            expiry = chain.get().get(0).getNotAfter().toInstant();
          }
        } catch (IOException e) {
          // no expiry point for it; `maiis ssl status` names the damaged file
        }
        LineageState s;
        try {
          s = JsonFiles.read(store.stateFile(name), LineageState.class).orElse(LineageState.EMPTY);
        } catch (IOException e) {
          s = LineageState.EMPTY;
        }
        entries.add(new CertificateMetricsFile.Entry(name, expiry, s));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read certificate directory " + store.root(), e);
    }
    return CertificateMetricsFile.snapshots(entries);
  }

  @Override
  public List<String> getPrometheusNames() {
    return new ArrayList<>(
        CertificateMetrics.NAMES.stream()
            .filter(n -> !n.equals(CertificateMetrics.NOT_BEFORE_TIMESTAMP))
            .toList());
  }
}
