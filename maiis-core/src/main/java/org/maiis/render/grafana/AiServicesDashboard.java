package org.maiis.render.grafana;

import java.util.List;

/** LLM, RAG pipeline, embeddings, vector search and speech providers, as the API records them. */
final class AiServicesDashboard {
  private AiServicesDashboard() {}

  static final String UID = "maiis-ai-services";

  static Dashboard build(AlertLevels levels) {
    return new Dashboard(
        UID,
        "AI Services",
        "LLM requests, latency and tokens; RAG pipeline latency and errors; embedding and vector"
            + " search latency; speech providers and fallbacks.",
        List.of("maiis", "ai"),
        List.of(),
        List.of(
            PanelBuilder.apiRate(
                    "LLM requests by model",
                    "reqps",
                    "model, status",
                    "llm_requests_total",
                    "{{model}} {{status}}")
                .about("LLM requests per second by model and result.")
                .build(),
            PanelBuilder.apiP95(
                    "LLM p95 by model", "llm_request_duration_seconds", "model", "{{model}}")
                .about("95th percentile LLM request time. Red line: SlowLLMResponseTime.")
                .thresholds(levels.above("SlowLLMResponseTime"))
                .build(),
            PanelBuilder.apiRate(
                    "Tokens per second",
                    "short",
                    "model, type",
                    "llm_tokens_total",
                    "{{model}} {{type}}")
                .about("Prompt and completion tokens per second by model, for cost tracking.")
                .build(),
            PanelBuilder.apiP95("RAG pipeline p95", "rag_pipeline_duration_seconds", "", "p95")
                .about("End-to-end answer time, 95th percentile. Red line: SlowRAGPipeline.")
                .thresholds(levels.above("SlowRAGPipeline"))
                .build(),
            PanelBuilder.apiRate(
                    "RAG errors per second by stage",
                    "short",
                    "stage",
                    "rag_pipeline_errors_total",
                    "{{stage}}")
                .about("Pipeline errors by stage. Red line: HighRAGPipelineErrors (all stages).")
                .thresholds(levels.above("HighRAGPipelineErrors"))
                .build(),
            PanelBuilder.apiP95(
                    "Embedding p95", "embedding_duration_seconds", "provider", "{{provider}}")
                .about("95th percentile time to embed a text, by provider.")
                .build(),
            PanelBuilder.apiP95(
                    "Vector search p95",
                    "vector_search_duration_seconds",
                    "provider",
                    "{{provider}}")
                .about("95th percentile retrieval time, by provider. Red line: SlowVectorSearch.")
                .thresholds(levels.above("SlowVectorSearch"))
                .build(),
            PanelBuilder.apiRate(
                    "Speech requests by provider and operation",
                    "reqps",
                    "provider, operation, status",
                    "speech_provider_requests_total",
                    "{{provider}} {{operation}} {{status}}")
                .about(
                    "Speech-to-text (stt) and text-to-speech (tts) requests by provider and result.")
                .build(),
            PanelBuilder.apiP95(
                    "Speech p95 by provider",
                    "speech_provider_duration_seconds",
                    "provider, operation",
                    "{{provider}} {{operation}}")
                .about("95th percentile speech provider time, by provider and operation.")
                .build(),
            PanelBuilder.apiRate(
                    "Speech fallbacks per second",
                    "short",
                    "primary_provider, fallback_provider",
                    "speech_provider_fallback_total",
                    "{{primary_provider}} -> {{fallback_provider}}")
                .about(
                    "Requests a provider failed and the next one served. Any: see"
                        + " SpeechProviderFallbackActive.")
                .build()));
  }
}
