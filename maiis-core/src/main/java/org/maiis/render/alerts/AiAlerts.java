package org.maiis.render.alerts;

import java.util.List;
import java.util.Map;

/** LLM, retrieval, speech and paid external APIs. */
final class AiAlerts {
  private AiAlerts() {}

  static final String GROUP = "ai";

  static List<AlertRule> rules(AlertContext c) {
    return List.of(
        Shapes.slowP95(
            c,
            "SlowLLMResponseTime",
            GROUP,
            "llm_request_duration_seconds",
            "model",
            "llama3.2",
            "LLM response time",
            "The model server is overloaded or the prompts grew. Check Ollama's host (GPU/CPU), the model size, "
                + "and the RAG context length.",
            "backend"),
        llmErrors(c),
        Shapes.rateAbove(
            c,
            "HighRAGPipelineErrors",
            GROUP,
            Severity.WARNING,
            "rag_pipeline_errors_total",
            Target.APP.sel("rag_pipeline_errors_total", "stage", "retrieval"),
            "RAG pipeline error rate",
            "Chat answers fail at some stage (embedding, retrieval, generation). The stage label and Sentry say which; "
                + "check the vector store and LLM alerts.",
            "backend"),
        Shapes.slowP95(
            c,
            "SlowRAGPipeline",
            GROUP,
            "rag_pipeline_duration_seconds",
            null,
            null,
            "RAG pipeline time",
            "Chat answers are slow end to end. Compare embedding, vector search and LLM latency on the AI Services "
                + "dashboard to find the slow stage.",
            "backend"),
        Shapes.slowP95(
            c,
            "SlowVectorSearch",
            GROUP,
            "vector_search_duration_seconds",
            null,
            null,
            "vector search latency",
            "Retrieval is slow: the index outgrew exact search, or Qdrant is overloaded. Check the index size and "
                + "Qdrant's resources.",
            "backend"),
        speechFallback(c),
        externalApiUsage(c));
  }

  private static AlertRule llmErrors(AlertContext c) {
    String name = "HighLLMErrorRate";
    double t = c.t(name);
    double bad = Fixtures.above(t);
    return c.rule(name, GROUP, Severity.WARNING)
        .expr(
            """
            sum by (model) (rate(llm_requests_total{status="failure"}[5m]))
              / (sum by (model) (rate(llm_requests_total[5m])) > 0)
            > %s"""
                .formatted(c.n(name)))
        .summary("LLM requests fail")
        .description(
            "{{ $value | humanizePercentage }} of requests to model {{ $labels.model }} failed (threshold "
                + PromFormat.percentage(t)
                + ").")
        .meaning(
            "Chat falls back to extractive answers. Check that Ollama runs and has the model pulled "
                + "(ollama list), and its logs.")
        .metrics("llm_requests_total")
        .sources("backend")
        .test(
            llm(bad),
            llm(t / 2),
            Map.of("model", "llama3.2"),
            PromFormat.percentage(bad)
                + " of requests to model llama3.2 failed (threshold "
                + PromFormat.percentage(t)
                + ").");
  }

  private static List<Series> llm(double failureRatio) {
    return Fixtures.split(
        Target.APP.with("model", "llama3.2"),
        "llm_requests_total",
        1,
        failureRatio,
        "status",
        "failure",
        "success");
  }

  private static AlertRule speechFallback(AlertContext c) {
    String name = "SpeechProviderFallbackActive";
    String metric = "speech_provider_fallback_total";
    String series =
        Target.APP.sel(metric, "primary_provider", "whisper", "fallback_provider", "pocketsphinx");
    return c.rule(name, GROUP, Severity.WARNING)
        .expr(
            "sum by (primary_provider, fallback_provider) (rate("
                + metric
                + "[5m])) > "
                + c.n(name))
        .summary("Speech requests fall back to a local provider")
        .description(
            "{{ $labels.primary_provider }} fails; {{ printf \"%.2f\" $value }} requests per second use "
                + "{{ $labels.fallback_provider }} instead.")
        .meaning(
            "The paid speech provider is failing (key, quota, outage); the local fallback is less accurate. "
                + "Check the provider's status and the external API error metrics.")
        .metrics(metric)
        .sources("backend")
        .testRateAbove(
            series,
            c.t(name),
            Map.of("primary_provider", "whisper", "fallback_provider", "pocketsphinx"),
            rate -> "whisper fails; " + rate + " requests per second use pocketsphinx instead.");
  }

  private static AlertRule externalApiUsage(AlertContext c) {
    String name = "HighExternalAPIUsage";
    double t = c.t(name);
    String metric = "external_api_requests_total";
    String series = Target.APP.sel(metric, "provider", "openai", "status", "success");
    return c.rule(name, GROUP, Severity.INFO)
        .expr("sum by (provider) (increase(" + metric + "[1h])) > " + c.n(name))
        .summary("Paid API usage is high")
        .description(
            "{{ printf \"%.0f\" $value }} calls to {{ $labels.provider }} in the last hour (threshold "
                + PromFormat.number(t)
                + ").")
        .meaning(
            "Costs rise with every call. Check for retry loops and unexpected traffic before the bill does.")
        .metrics(metric)
        .sources("backend")
        .testCounter(
            series,
            Fixtures.countAbove(t) / 3600,
            t / 2 / 3600,
            Map.of("provider", "openai"),
            String.format(java.util.Locale.ROOT, "%.0f", Fixtures.countAbove(t))
                + " calls to openai in the last hour (threshold "
                + PromFormat.number(t)
                + ").");
  }
}
