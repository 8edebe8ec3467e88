package org.maiis.metrics;

import static org.junit.jupiter.api.Assertions.*;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {
  private final MetricCatalog catalog = MetricCatalog.standard();

  @Test
  void declaresEverySeedAreaAndTheCertificateMetrics() {
    for (String name :
        List.of(
            "http_requests_total",
            "http_request_duration_seconds",
            "http_exceptions_total",
            "auth_attempts_total",
            "db_query_duration_seconds",
            "cache_hit_ratio",
            "storage_upload_size_bytes",
            "speech_provider_fallback_total",
            "llm_tokens_total",
            "rag_pipeline_errors_total",
            "vector_search_duration_seconds",
            "ocr_processing_duration_seconds",
            "file_upload_total",
            "external_api_duration_seconds",
            "system_cpu_usage_ratio",
            "websocket_messages_total",
            "maiis_build_info",
            "jvm_memory_used_bytes",
            CertificateMetrics.EXPIRY_TIMESTAMP,
            CertificateMetrics.RENEWAL_RESULT)) {
      assertTrue(catalog.find(name).isPresent(), name);
    }
    assertTrue(catalog.metrics().size() >= 43 + 30);
  }

  @Test
  void followsNamingRules() {
    for (MetricSpec m : catalog.metrics()) {
      assertFalse(m.help().isBlank(), m.name());
      assertEquals(m.type() == MetricType.COUNTER, m.name().endsWith("_total"), m.name());
      assertEquals(m.type() == MetricType.HISTOGRAM, !m.buckets().isEmpty(), m.name());
      assertFalse(m.name().contains("percent") || m.name().contains("milli"), m.name());
    }
  }

  @Test
  void resolvesHistogramSeriesToTheirMetric() {
    assertEquals(
        "http_request_duration_seconds",
        catalog.forSample("http_request_duration_seconds_bucket").orElseThrow().name());
    assertEquals(Optional.empty(), catalog.forSample("http_requests_total_bucket"));
    assertEquals(Optional.empty(), catalog.forSample("nothing_here"));
  }

  @Test
  void jvmDefinitionsMatchWhatTheCollectorsExpose() {
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics.registerJvm(registry);
    Set<String> exposed = new TreeSet<>();
    for (MetricSnapshot s : registry.scrape()) {
      exposed.add(expositionName(s));
      MetricSpec spec = catalog.find(expositionName(s)).orElseThrow(() -> new AssertionError(s));
      for (var point : s.getDataPoints()) {
        Set<String> labels = new TreeSet<>();
        point.getLabels().forEach(l -> labels.add(l.getName()));
        assertEquals(new TreeSet<>(spec.labelNames()), labels, spec.name());
      }
    }
    Set<String> declared =
        catalog.metrics().stream()
            .filter(m -> m.source() == MetricSource.JVM)
            .map(MetricSpec::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(declared, exposed);
  }

  @Test
  void registeredMetricsProduceALintCleanExpositionThatMatchesTheCatalog() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics m = MaiisMetrics.register(registry, new BuildInfo("1.0.0", "test"), Path.of("."));
    MaiisMetrics.registerJvm(registry);
    m.authAttempt(true, "password");
    m.authFailure("invalid_credentials");
    m.dbQuery("select", "accounts", Duration.ofMillis(3));
    m.cacheOperation("get", "hit");
    m.cacheOperation("get", "miss");
    m.storageOperation("upload", "local", true, Duration.ofMillis(20), 1234);
    m.speechRequest("espeak", "tts", true, Duration.ofMillis(40));
    m.speechFallback("whisper", "pocketsphinx");
    m.llmRequest("llama3.2", true, Duration.ofSeconds(2), 100, 50);
    m.ragPipeline(Duration.ofSeconds(1), Optional.of("retrieval"));
    m.documentProcessing("pdf", true, Duration.ofMillis(300));
    m.fileUpload("pdf", true, 2048);
    m.externalApi("ollama", "generate", false, Duration.ofSeconds(1));
    m.websocketConnection(true);
    m.websocketMessage("inbound", "text");
    m.http().started("GET");
    m.http().finished("GET");
    m.http().record("GET", "/api/banking/accounts/{id}", 200, 0.004, 0, 120);

    String text = text(registry);
    List<Finding> findings = MetricsValidation.check("test", text, catalog, 1000);
    List<Finding> errors =
        findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
    assertEquals(List.of(), errors, text);
    assertTrue(text.contains("cache_hit_ratio 0.5"), text);
    assertTrue(text.contains("maiis_build_info{environment=\"test\",version=\"1.0.0\"} 1"), text);
  }

  @Test
  void anOpenMetricsExpositionValidatesToo() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics m = MaiisMetrics.register(registry, new BuildInfo("1.0.0", "test"), Path.of("."));
    m.authAttempt(true, "password");
    m.http().record("GET", "/api/x/{id}", 200, 0.01, 0, 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenMetricsTextFormatWriter.create().write(out, registry.scrape());
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("# TYPE auth_attempts counter"), text);
    List<Finding> errors =
        MetricsValidation.check("om", text, catalog, 1000).stream()
            .filter(f -> f.severity() == Finding.Severity.ERROR)
            .toList();
    assertEquals(List.of(), errors, text);
  }

  @Test
  void foldsLabelValuesOutsideTheirBoundsToOther() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics m = MaiisMetrics.register(registry, new BuildInfo("1", "test"), Path.of("."));
    m.authAttempt(false, "magic-link");
    m.cacheOperation("get", "weird");
    for (int i = 0; i < 40; i++) {
      m.dbQuery("select", "table" + i, Duration.ZERO);
    }
    m.http().started("BREW");
    m.http().finished("BREW");
    m.http().record("BREW", null, 404, 0.001, -1, -1);
    String text = text(registry);
    assertTrue(text.contains("auth_attempts_total{method=\"other\",status=\"failure\"} 1"), text);
    assertTrue(text.contains("cache_operations_total{operation=\"get\",status=\"other\"} 1"), text);
    assertTrue(text.contains("db_queries_total{operation=\"select\",table=\"other\"} 10"), text);
    assertTrue(
        text.contains(
            "http_requests_total{endpoint=\"not_found\",method=\"other\",status=\"404\"} 1"),
        text);
    assertTrue(text.contains("http_requests_in_progress{method=\"other\"} 0"), text);
  }

  static String text(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String expositionName(MetricSnapshot s) {
    String n = s.getMetadata().getPrometheusName();
    String cls = s.getClass().getSimpleName();
    if (cls.equals("CounterSnapshot")) {
      return n + "_total";
    }
    if (cls.equals("InfoSnapshot")) {
      return n + "_info";
    }
    return n;
  }
}
