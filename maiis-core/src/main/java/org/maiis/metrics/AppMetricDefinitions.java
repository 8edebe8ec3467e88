package org.maiis.metrics;

import static org.maiis.metrics.LabelSpec.closed;
import static org.maiis.metrics.LabelSpec.open;

import java.util.ArrayList;
import java.util.List;

/**
 * The platform API's own metrics: the seed's names, labels and buckets, in Prometheus base units
 * (seconds, bytes, 0-1 ratios). Label sets are bounded: closed sets where the values are known,
 * capped open sets elsewhere.
 */
final class AppMetricDefinitions {
  private AppMetricDefinitions() {}

  // Buckets, in base units. Latency: 5 ms .. 10 s (HTTP, DB); slow work: 0.1 s .. 120 s (LLM, OCR).
  static final List<Double> HTTP_SECONDS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);
  static final List<Double> DB_SECONDS =
      List.of(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0);
  static final List<Double> SLOW_SECONDS =
      List.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0);
  static final List<Double> FAST_SECONDS =
      List.of(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0);
  static final List<Double> BYTES = List.of(100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 2.5e7, 1e8);
  static final List<Double> AUDIO_SECONDS = List.of(1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

  static final String HTTP_REQUESTS = "http_requests_total";
  static final String HTTP_DURATION = "http_request_duration_seconds";
  static final String HTTP_REQUEST_SIZE = "http_request_size_bytes";
  static final String HTTP_RESPONSE_SIZE = "http_response_size_bytes";
  static final String HTTP_IN_PROGRESS = "http_requests_in_progress";
  static final String HTTP_EXCEPTIONS = "http_exceptions_total";
  static final String AUTH_ATTEMPTS = "auth_attempts_total";
  static final String AUTH_FAILURES = "auth_failures_total";
  static final String DB_QUERIES = "db_queries_total";
  static final String DB_DURATION = "db_query_duration_seconds";
  static final String DB_ACTIVE = "db_connections_active";
  static final String DB_IDLE = "db_connections_idle";
  static final String CACHE_OPERATIONS = "cache_operations_total";
  static final String CACHE_HIT_RATIO = "cache_hit_ratio";
  static final String STORAGE_OPERATIONS = "storage_operations_total";
  static final String STORAGE_UPLOAD_DURATION = "storage_upload_duration_seconds";
  static final String STORAGE_UPLOAD_SIZE = "storage_upload_size_bytes";
  static final String STORAGE_UPLOAD_ERRORS = "storage_upload_errors_total";
  static final String SPEECH_REQUESTS = "speech_provider_requests_total";
  static final String SPEECH_DURATION = "speech_provider_duration_seconds";
  static final String SPEECH_FALLBACK = "speech_provider_fallback_total";
  static final String SPEECH_AUDIO = "speech_audio_duration_seconds";
  static final String LLM_REQUESTS = "llm_requests_total";
  static final String LLM_DURATION = "llm_request_duration_seconds";
  static final String LLM_TOKENS = "llm_tokens_total";
  static final String RAG_DURATION = "rag_pipeline_duration_seconds";
  static final String RAG_ERRORS = "rag_pipeline_errors_total";
  static final String EMBEDDING_DURATION = "embedding_duration_seconds";
  static final String VECTOR_SEARCH_DURATION = "vector_search_duration_seconds";
  static final String DOCUMENTS = "document_processing_total";
  static final String DOCUMENT_DURATION = "document_processing_duration_seconds";
  static final String OCR_DURATION = "ocr_processing_duration_seconds";
  static final String UPLOADS = "file_upload_total";
  static final String UPLOAD_SIZE = "file_upload_size_bytes";
  static final String EXTERNAL_REQUESTS = "external_api_requests_total";
  static final String EXTERNAL_DURATION = "external_api_duration_seconds";
  static final String CPU_RATIO = "system_cpu_usage_ratio";
  static final String MEMORY_USED = "system_memory_usage_bytes";
  static final String MEMORY_AVAILABLE = "system_memory_available_bytes";
  static final String DISK_RATIO = "system_disk_usage_ratio";
  static final String WS_ACTIVE = "websocket_connections_active";
  static final String WS_MESSAGES = "websocket_messages_total";
  static final String BUILD_INFO = "maiis_build_info";

  /** Fixed route label for a request that matched no route and got 404/405. */
  static final String ROUTE_NOT_FOUND = "not_found";

  /** Fixed route label for any other request that matched no route. */
  static final String ROUTE_UNMATCHED = "unmatched";

  static final LabelSpec METHOD =
      closed("method", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  // Route templates are finite (one per declared route) plus the two fixed values.
  static final LabelSpec ENDPOINT = open("endpoint", 200);
  static final LabelSpec STATUS_CODE = open("status", 60);
  static final LabelSpec RESULT = closed("status", "success", "failure");
  static final LabelSpec PROVIDER = open("provider", 20);
  static final LabelSpec MODEL = open("model", 20);

  static List<MetricSpec> all() {
    List<MetricSpec> m = new ArrayList<>();
    String http = "http";
    m.add(
        counter(
            HTTP_REQUESTS,
            http,
            "HTTP requests by method, route template and status.",
            METHOD,
            ENDPOINT,
            STATUS_CODE));
    m.add(
        histogram(
            HTTP_DURATION,
            http,
            "HTTP request latency by route template.",
            HTTP_SECONDS,
            METHOD,
            ENDPOINT));
    m.add(histogram(HTTP_REQUEST_SIZE, http, "HTTP request body size.", BYTES, METHOD, ENDPOINT));
    m.add(histogram(HTTP_RESPONSE_SIZE, http, "HTTP response body size.", BYTES, METHOD, ENDPOINT));
    m.add(gauge(HTTP_IN_PROGRESS, http, "HTTP requests being served now.", METHOD));
    m.add(
        counter(
            HTTP_EXCEPTIONS,
            http,
            "Exceptions that ended a request in a 5xx, by route template and type.",
            METHOD,
            ENDPOINT,
            open("exception_type", 50)));

    String auth = "auth";
    m.add(
        counter(
            AUTH_ATTEMPTS,
            auth,
            "Authentication attempts by result and method.",
            RESULT,
            closed("method", "password", "refresh_token", "access_token", "websocket")));
    m.add(
        counter(
            AUTH_FAILURES,
            auth,
            "Failed authentications by reason.",
            closed(
                "reason",
                "invalid_credentials",
                "expired_token",
                "invalid_token",
                "revoked_token",
                "inactive_user",
                "rate_limited",
                "missing_token",
                "forbidden")));

    String db = "database";
    LabelSpec operation =
        closed("operation", "select", "insert", "update", "delete", "transaction");
    m.add(
        counter(
            DB_QUERIES,
            db,
            "Database queries by operation and table.",
            operation,
            open("table", 30)));
    m.add(
        histogram(
            DB_DURATION, db, "Database query latency.", DB_SECONDS, operation, open("table", 30)));
    m.add(gauge(DB_ACTIVE, db, "Database connections in use."));
    m.add(gauge(DB_IDLE, db, "Database connections idle in the pool."));

    String cache = "cache";
    m.add(
        counter(
            CACHE_OPERATIONS,
            cache,
            "Cache operations by operation and outcome.",
            closed("operation", "get", "set", "delete"),
            closed("status", "hit", "miss", "success", "error")));
    m.add(gauge(CACHE_HIT_RATIO, cache, "Share of cache reads that hit since start, 0-1."));

    String storage = "storage";
    LabelSpec storageOperation = closed("operation", "upload", "download", "delete", "list");
    m.add(
        counter(
            STORAGE_OPERATIONS,
            storage,
            "Object storage operations.",
            storageOperation,
            PROVIDER,
            RESULT));
    m.add(
        histogram(
            STORAGE_UPLOAD_DURATION,
            storage,
            "Object storage upload latency.",
            SLOW_SECONDS,
            PROVIDER));
    m.add(histogram(STORAGE_UPLOAD_SIZE, storage, "Object storage upload size.", BYTES, PROVIDER));
    m.add(
        counter(
            STORAGE_UPLOAD_ERRORS,
            storage,
            "Object storage errors by type.",
            PROVIDER,
            open("error_type", 20)));

    String speech = "speech";
    LabelSpec speechOp = closed("operation", "stt", "tts");
    m.add(
        counter(SPEECH_REQUESTS, speech, "Speech provider requests.", PROVIDER, speechOp, RESULT));
    m.add(
        histogram(
            SPEECH_DURATION, speech, "Speech provider latency.", SLOW_SECONDS, PROVIDER, speechOp));
    m.add(
        counter(
            SPEECH_FALLBACK,
            speech,
            "Fallbacks from one speech provider to the next.",
            open("primary_provider", 10),
            open("fallback_provider", 10)));
    m.add(
        histogram(
            SPEECH_AUDIO,
            speech,
            "Length of the audio transcribed or synthesized.",
            AUDIO_SECONDS,
            speechOp));

    String llm = "llm";
    m.add(counter(LLM_REQUESTS, llm, "LLM requests by model and result.", MODEL, RESULT));
    m.add(histogram(LLM_DURATION, llm, "LLM request latency.", SLOW_SECONDS, MODEL));
    m.add(
        counter(
            LLM_TOKENS,
            llm,
            "LLM tokens used, for cost tracking.",
            MODEL,
            closed("type", "prompt", "completion")));
    m.add(histogram(RAG_DURATION, llm, "End-to-end RAG answer time.", SLOW_SECONDS));
    m.add(
        counter(
            RAG_ERRORS,
            llm,
            "RAG pipeline errors by stage.",
            closed("stage", "embedding", "retrieval", "generation", "ingest")));
    m.add(histogram(EMBEDDING_DURATION, llm, "Embedding generation time.", FAST_SECONDS, PROVIDER));
    m.add(histogram(VECTOR_SEARCH_DURATION, llm, "Vector search latency.", FAST_SECONDS, PROVIDER));

    String docs = "documents";
    LabelSpec docType = closed("doc_type", "pdf", "image", "text", "word", "audio");
    m.add(counter(DOCUMENTS, docs, "Documents processed by type and result.", docType, RESULT));
    m.add(histogram(DOCUMENT_DURATION, docs, "Document processing time.", SLOW_SECONDS, docType));
    m.add(histogram(OCR_DURATION, docs, "OCR time per document.", SLOW_SECONDS));
    m.add(counter(UPLOADS, docs, "File uploads by type and result.", docType, RESULT));
    m.add(histogram(UPLOAD_SIZE, docs, "Uploaded file size.", BYTES, docType));

    String external = "external";
    m.add(
        counter(
            EXTERNAL_REQUESTS,
            external,
            "Calls to external APIs.",
            PROVIDER,
            open("endpoint", 30),
            RESULT));
    m.add(
        histogram(
            EXTERNAL_DURATION,
            external,
            "External API latency.",
            SLOW_SECONDS,
            PROVIDER,
            open("endpoint", 30)));

    String system = "system";
    m.add(gauge(CPU_RATIO, system, "Machine CPU usage, 0-1."));
    m.add(gauge(MEMORY_USED, system, "Machine memory in use."));
    m.add(gauge(MEMORY_AVAILABLE, system, "Machine memory available."));
    m.add(gauge(DISK_RATIO, system, "Usage of the disk holding the data directory, 0-1."));

    String ws = "websocket";
    m.add(gauge(WS_ACTIVE, ws, "Open WebSocket connections."));
    m.add(
        counter(
            WS_MESSAGES,
            ws,
            "WebSocket messages by direction and type.",
            closed("direction", "inbound", "outbound"),
            closed("message_type", "text", "binary", "error")));

    m.add(
        new MetricSpec(
            BUILD_INFO,
            MetricType.INFO,
            "Version and environment of this server.",
            List.of(open("version", 1), open("environment", 1)),
            List.of(),
            MetricSource.APP,
            "build"));
    return m;
  }

  private static MetricSpec counter(String name, String group, String help, LabelSpec... labels) {
    return new MetricSpec(
        name, MetricType.COUNTER, help, List.of(labels), List.of(), MetricSource.APP, group);
  }

  private static MetricSpec gauge(String name, String group, String help, LabelSpec... labels) {
    return new MetricSpec(
        name, MetricType.GAUGE, help, List.of(labels), List.of(), MetricSource.APP, group);
  }

  private static MetricSpec histogram(
      String name, String group, String help, List<Double> buckets, LabelSpec... labels) {
    return new MetricSpec(
        name, MetricType.HISTOGRAM, help, List.of(labels), buckets, MetricSource.APP, group);
  }
}
