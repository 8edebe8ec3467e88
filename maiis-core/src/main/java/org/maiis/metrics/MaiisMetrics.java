package org.maiis.metrics;

import static org.maiis.metrics.AppMetricDefinitions.*;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.MetricWithFixedMetadata;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The platform's metrics, registered from the {@link MetricCatalog} in a registry the caller owns,
 * with one typed method per thing the code records (the counterpart of the seed's {@code track_*}
 * functions). Every label value goes through the catalog's bounds, so a caller cannot create an
 * unbounded series.
 */
public final class MaiisMetrics {
  private final Map<String, Counter> counters = new HashMap<>();
  private final Map<String, Gauge> gauges = new HashMap<>();
  private final Map<String, Histogram> histograms = new HashMap<>();
  private final Map<String, BoundedLabels> bounds = new HashMap<>();
  private final Map<String, MetricSpec> counterSpecs = new HashMap<>();
  private final HttpMetrics http;
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheReads = new LongAdder();

  private MaiisMetrics(PrometheusRegistry registry, MetricCatalog catalog, BuildInfo build) {
    for (MetricSpec spec : catalog.metrics()) {
      if (spec.source() != MetricSource.APP || SystemMetrics.NAMES.contains(spec.name())) {
        continue;
      }
      bounds.put(spec.name(), new BoundedLabels(spec));
      switch (spec.type()) {
        case COUNTER -> {
          Counter c = described(Counter.builder(), spec).register(registry);
          KnownLabelSets.of(spec).forEach(c::initLabelValues);
          counters.put(spec.name(), c);
          counterSpecs.put(spec.name(), spec);
        }
        case GAUGE -> gauges.put(spec.name(), described(Gauge.builder(), spec).register(registry));
        case HISTOGRAM ->
            histograms.put(
                spec.name(),
                described(Histogram.builder(), spec)
                    // Classic buckets only: every Prometheus version and promtool reads them.
                    .classicOnly()
                    .classicUpperBounds(
                        spec.buckets().stream().mapToDouble(Double::doubleValue).toArray())
                    .register(registry));
        case INFO ->
            described(Info.builder(), spec)
                .register(registry)
                .setLabelValues(bounds.get(spec.name()).fold(build.version(), build.environment()));
        case SUMMARY -> throw new IllegalStateException("no app summaries: " + spec.name());
      }
    }
    this.http =
        new HttpMetrics(
            counters.get(HTTP_REQUESTS),
            histograms.get(HTTP_DURATION),
            histograms.get(HTTP_REQUEST_SIZE),
            histograms.get(HTTP_RESPONSE_SIZE),
            gauges.get(HTTP_IN_PROGRESS),
            counters.get(HTTP_EXCEPTIONS),
            bounds);
  }

  /**
   * Registers every application metric of the standard catalog in {@code registry}, plus the system
   * gauges for the disk that holds {@code dataDir}.
   */
  public static MaiisMetrics register(PrometheusRegistry registry, BuildInfo build, Path dataDir) {
    MaiisMetrics m = new MaiisMetrics(registry, MetricCatalog.standard(), build);
    SystemMetrics.register(registry, dataDir);
    return m;
  }

  /** Registers the JVM and process metrics (memory, GC, threads, CPU, file descriptors). */
  public static void registerJvm(PrometheusRegistry registry) {
    JvmMetrics.builder().register(registry);
  }

  /**
   * Creates at 0 the series of the language model this server is configured with (requests by
   * result, tokens by type), so that {@code rate()} sees its first event and error ratios are 0
   * instead of empty after a start.
   */
  public void expectModel(String model) {
    expect(Map.of("model", List.of(model)), LLM_REQUESTS, LLM_TOKENS);
  }

  /** The same for the speech providers this server is configured with, by what each does. */
  public void expectSpeechProviders(List<String> stt, List<String> tts) {
    expect(Map.of("provider", stt, "operation", List.of("stt")), SPEECH_REQUESTS);
    expect(Map.of("provider", tts, "operation", List.of("tts")), SPEECH_REQUESTS);
  }

  private void expect(Map<String, List<String>> known, String... names) {
    for (String name : names) {
      KnownLabelSets.of(counterSpecs.get(name), known)
          .forEach(combo -> counters.get(name).initLabelValues(fold(name, combo)));
    }
  }

  /** The HTTP server instrumentation that frameworks' plugins call. */
  public HttpMetrics http() {
    return http;
  }

  /** An authentication attempt: {@code succeeded}, by method (password, refresh_token, ...). */
  public void authAttempt(boolean succeeded, String method) {
    inc(AUTH_ATTEMPTS, succeeded ? "success" : "failure", method);
  }

  /** A failed authentication, by reason (invalid_credentials, expired_token, ...). */
  public void authFailure(String reason) {
    inc(AUTH_FAILURES, reason);
  }

  /** A database query: operation (select, insert, ...), table, how long it took. */
  public void dbQuery(String operation, String table, Duration took) {
    inc(DB_QUERIES, operation, table);
    observe(DB_DURATION, seconds(took), operation, table);
  }

  /** The connection pool's current state. */
  public void dbConnections(int active, int idle) {
    gauges.get(DB_ACTIVE).set(active);
    gauges.get(DB_IDLE).set(idle);
  }

  /**
   * A cache operation: get/set/delete with its outcome (hit, miss, success, error). Gets also
   * update {@code cache_hit_ratio}.
   */
  public void cacheOperation(String operation, String status) {
    inc(CACHE_OPERATIONS, operation, status);
    if ("get".equals(operation) && ("hit".equals(status) || "miss".equals(status))) {
      cacheReads.increment();
      if ("hit".equals(status)) {
        cacheHits.increment();
      }
      gauges.get(CACHE_HIT_RATIO).set(cacheHits.doubleValue() / cacheReads.doubleValue());
    }
  }

  /** An object storage operation; uploads also record their duration and size. */
  public void storageOperation(
      String operation, String provider, boolean succeeded, Duration took, long bytes) {
    inc(STORAGE_OPERATIONS, operation, provider, result(succeeded));
    if ("upload".equals(operation) && succeeded) {
      observe(STORAGE_UPLOAD_DURATION, seconds(took), provider);
      observe(STORAGE_UPLOAD_SIZE, bytes, provider);
    }
  }

  /** An object storage error, by error type (exception simple name or provider code). */
  public void storageError(String provider, String errorType) {
    inc(STORAGE_UPLOAD_ERRORS, provider, errorType);
  }

  /** A speech provider call: provider, stt or tts, outcome, latency. */
  public void speechRequest(String provider, String operation, boolean succeeded, Duration took) {
    inc(SPEECH_REQUESTS, provider, operation, result(succeeded));
    observe(SPEECH_DURATION, seconds(took), provider, operation);
  }

  /** A fall back from {@code primary} to {@code fallback} speech provider. */
  public void speechFallback(String primary, String fallback) {
    inc(SPEECH_FALLBACK, primary, fallback);
  }

  /** Length of the audio a stt/tts operation handled. */
  public void speechAudio(String operation, Duration audioLength) {
    observe(SPEECH_AUDIO, seconds(audioLength), operation);
  }

  /** An LLM request with its latency and token use. */
  public void llmRequest(
      String model, boolean succeeded, Duration took, long promptTokens, long completionTokens) {
    inc(LLM_REQUESTS, model, result(succeeded));
    observe(LLM_DURATION, seconds(took), model);
    if (promptTokens > 0) {
      counters.get(LLM_TOKENS).labelValues(fold(LLM_TOKENS, model, "prompt")).inc(promptTokens);
    }
    if (completionTokens > 0) {
      counters
          .get(LLM_TOKENS)
          .labelValues(fold(LLM_TOKENS, model, "completion"))
          .inc(completionTokens);
    }
  }

  /** A RAG answer: its duration, and the stage that failed if one did. */
  public void ragPipeline(Duration took, Optional<String> failedStage) {
    observe(RAG_DURATION, seconds(took));
    failedStage.ifPresent(stage -> inc(RAG_ERRORS, stage));
  }

  /** Embedding generation time by provider. */
  public void embedding(String provider, Duration took) {
    observe(EMBEDDING_DURATION, seconds(took), provider);
  }

  /** Vector search time by provider. */
  public void vectorSearch(String provider, Duration took) {
    observe(VECTOR_SEARCH_DURATION, seconds(took), provider);
  }

  /** A processed document, by type (pdf, image, ...), outcome and duration. */
  public void documentProcessing(String docType, boolean succeeded, Duration took) {
    inc(DOCUMENTS, docType, result(succeeded));
    observe(DOCUMENT_DURATION, seconds(took), docType);
  }

  /** OCR time for one document. */
  public void ocr(Duration took) {
    observe(OCR_DURATION, seconds(took));
  }

  /** An uploaded file, by type, outcome and size. */
  public void fileUpload(String fileType, boolean succeeded, long bytes) {
    inc(UPLOADS, fileType, result(succeeded));
    if (succeeded) {
      observe(UPLOAD_SIZE, bytes, fileType);
    }
  }

  /** A call to an external API: provider, endpoint name (not a URL), outcome, latency. */
  public void externalApi(String provider, String endpoint, boolean succeeded, Duration took) {
    inc(EXTERNAL_REQUESTS, provider, endpoint, result(succeeded));
    observe(EXTERNAL_DURATION, seconds(took), provider, endpoint);
  }

  /** A WebSocket connection opened ({@code true}) or closed. */
  public void websocketConnection(boolean opened) {
    if (opened) {
      gauges.get(WS_ACTIVE).inc();
    } else {
      gauges.get(WS_ACTIVE).dec();
    }
  }

  /** A WebSocket message: inbound/outbound, text/binary/error. */
  public void websocketMessage(String direction, String messageType) {
    inc(WS_MESSAGES, direction, messageType);
  }

  /** {@code builder} with the name, help and label names of {@code spec}. */
  private static <B extends MetricWithFixedMetadata.Builder<B, ?>> B described(
      B builder, MetricSpec spec) {
    return builder
        .name(spec.name())
        .help(spec.help())
        .labelNames(spec.labelNames().toArray(String[]::new));
  }

  private void inc(String name, String... labels) {
    Counter c = counters.get(name);
    if (labels.length == 0) {
      c.inc();
    } else {
      c.labelValues(fold(name, labels)).inc();
    }
  }

  private void observe(String name, double value, String... labels) {
    Histogram h = histograms.get(name);
    if (labels.length == 0) {
      h.observe(value);
    } else {
      h.labelValues(fold(name, labels)).observe(value);
    }
  }

  private String[] fold(String name, String... labels) {
    return bounds.get(name).fold(labels);
  }

  private static String result(boolean succeeded) {
    return succeeded ? "success" : "failure";
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
