package org.maiis.server.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.maiis.acme.CertificateCollector;
import org.maiis.acme.CertificateStore;
import org.maiis.config.MaiisConfig;
import org.maiis.config.ServerConfig;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.MaiisMetrics;

/**
 * The server's metrics: the catalog's families in a registry of its own, JVM metrics, and the
 * certificates {@code maiis ssl} manages on this host; nothing when {@code server.metrics.enabled}
 * is false.
 *
 * @param catalog the registered families each area records into, empty when metrics are off
 */
public record ServerMetrics(PrometheusRegistry registry, Optional<MaiisMetrics> catalog) {

  /** Registers the families {@code maiis} asks for; {@code version} labels build info. */
  public static ServerMetrics register(MaiisConfig maiis, Path dataDir, String version) {
    PrometheusRegistry registry = new PrometheusRegistry();
    if (!maiis.server().metricsEnabled()) {
      return new ServerMetrics(registry, Optional.empty());
    }
    MaiisMetrics metrics =
        MaiisMetrics.register(
            registry, new BuildInfo(version, maiis.site().environment()), dataDir);
    MaiisMetrics.registerJvm(registry);
    expectConfigured(metrics, maiis.server());
    // The certificates maiis ssl manages on this host, when it can read them.
    Path live = maiis.tls().certDir().resolve("live");
    if (Files.isDirectory(live) && Files.isReadable(live)) {
      registry.register(new CertificateCollector(new CertificateStore(maiis.tls().certDir())));
    }
    return new ServerMetrics(registry, Optional.of(metrics));
  }

  // The model and speech providers this server is configured with: their series start at 0.
  private static void expectConfigured(MaiisMetrics metrics, ServerConfig server) {
    if (server.llm().ollamaUrl().isPresent()) {
      metrics.expectModel(server.llm().model());
    }
    metrics.expectSpeechProviders(
        server.speech().stt().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList(),
        server.speech().tts().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
  }
}
