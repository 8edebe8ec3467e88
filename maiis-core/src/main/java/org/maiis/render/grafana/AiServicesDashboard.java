package org.maiis.render.grafana;

import static org.maiis.render.grafana.PanelBuilder.timeseries;
import static org.maiis.render.grafana.Promql.quantile;
import static org.maiis.render.grafana.Promql.sumRate;

import java.util.List;

/** LLM, RAG pipeline, embeddings, vector search and speech providers, as the API records them. */
final class AiServicesDashboard {
  private AiServicesDashboard() {}

  static final String UID = "maiis-ai-services";

  private static final String API = "job=\"backend\"";

  static Dashboard build(AlertLevels levels) {
    return new Dashboard(
        UID,
        "AI Services",
        "LLM requests, latency and tokens; RAG pipeline latency and errors; embedding and vector"
            + " search latency; speech providers and fallbacks.",
        List.of("maiis", "ai"),
        List.of(),
        List.of(
            timeseries("LLM requests by model", "reqps")
                .about("LLM requests per second by model and result.")
                .from("backend")
                .query(
                    sumRate("model, status", "llm_requests_total{" + API + "}"),
                    "{{model}} {{status}}")
                .build(),
            timeseries("LLM p95 by model", "s")
                .about("95th percentile LLM request time. Red line: SlowLLMResponseTime.")
                .from("backend")
                .thresholds(levels.above("SlowLLMResponseTime"))
                .query(quantile(0.95, "llm_request_duration_seconds", API, "model"), "{{model}}")
                .build(),
            timeseries("Tokens per second", "short")
                .about("Prompt and completion tokens per second by model, for cost tracking.")
                .from("backend")
                .query(
                    sumRate("model, type", "llm_tokens_total{" + API + "}"), "{{model}} {{type}}")
                .build(),
            timeseries("RAG pipeline p95", "s")
                .about("End-to-end answer time, 95th percentile. Red line: SlowRAGPipeline.")
                .from("backend")
                .thresholds(levels.above("SlowRAGPipeline"))
                .query(quantile(0.95, "rag_pipeline_duration_seconds", API, ""), "p95")
                .build(),
            timeseries("RAG errors per second by stage", "short")
                .about("Pipeline errors by stage. Red line: HighRAGPipelineErrors (all stages).")
                .from("backend")
                .thresholds(levels.above("HighRAGPipelineErrors"))
                .query(sumRate("stage", "rag_pipeline_errors_total{" + API + "}"), "{{stage}}")
                .build(),
            timeseries("Embedding p95", "s")
                .about("95th percentile time to embed a text, by provider.")
                .from("backend")
                .query(
                    quantile(0.95, "embedding_duration_seconds", API, "provider"), "{{provider}}")
                .build(),
            timeseries("Vector search p95", "s")
                .about("95th percentile retrieval time, by provider. Red line: SlowVectorSearch.")
                .from("backend")
                .thresholds(levels.above("SlowVectorSearch"))
                .query(
                    quantile(0.95, "vector_search_duration_seconds", API, "provider"),
                    "{{provider}}")
                .build(),
            timeseries("Speech requests by provider and operation", "reqps")
                .about(
                    "Speech-to-text (stt) and text-to-speech (tts) requests by provider and result.")
                .from("backend")
                .query(
                    sumRate(
                        "provider, operation, status",
                        "speech_provider_requests_total{" + API + "}"),
                    "{{provider}} {{operation}} {{status}}")
                .build(),
            timeseries("Speech p95 by provider", "s")
                .about("95th percentile speech provider time, by provider and operation.")
                .from("backend")
                .query(
                    quantile(0.95, "speech_provider_duration_seconds", API, "provider, operation"),
                    "{{provider}} {{operation}}")
                .build(),
            timeseries("Speech fallbacks per second", "short")
                .about(
                    "Requests a provider failed and the next one served. Any: see"
                        + " SpeechProviderFallbackActive.")
                .from("backend")
                .query(
                    sumRate(
                        "primary_provider, fallback_provider",
                        "speech_provider_fallback_total{" + API + "}"),
                    "{{primary_provider}} -> {{fallback_provider}}")
                .build()));
  }
}
