package org.maiis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A just-started API exports its closed-label counters at 0, so the first failure is an increase
 * that rate() and increase() see (a series born at 1 is not), and nothing else is created.
 */
class KnownLabelSetsTest {
  private static String scrape(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Each of {@code series} is a line of the scrape {@code text}, at its initial value. */
  private static void assertInitialised(String text, String... series) {
    for (String s : series) {
      assertTrue(text.lines().anyMatch(s::equals), s + " not initialised:\n" + text);
    }
  }

  /** An application counter with the given closed labels. */
  private static MetricSpec counter(String name, String help, LabelSpec... labels) {
    return new MetricSpec(
        name, MetricType.COUNTER, help, List.of(labels), List.of(), MetricSource.APP, "t");
  }

  @Test
  void closedLabelCountersStartAtZeroOpenOnesStayAbsent() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics.register(registry, new BuildInfo("0.1.0", "test"), Path.of("."));
    String text = scrape(registry);
    assertInitialised(
        text,
        "auth_failures_total{reason=\"invalid_credentials\"} 0.0",
        "auth_attempts_total{method=\"websocket\",status=\"failure\"} 0.0",
        "rag_pipeline_errors_total{stage=\"generation\"} 0.0",
        "file_upload_total{doc_type=\"pdf\",status=\"failure\"} 0.0",
        "cache_operations_total{operation=\"get\",status=\"miss\"} 0.0");
    // Open labels (model, endpoint) cannot be listed in advance; "other" is no known value.
    assertFalse(text.contains("llm_requests_total{"), "an open label was guessed");
    assertFalse(text.contains("http_requests_total{"), "an open label was guessed");
    assertFalse(text.contains("=\"other\""), "the fold value was initialised");
  }

  @Test
  void theConfiguredModelAndSpeechProvidersStartAtZeroByWhatEachDoes() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics m = MaiisMetrics.register(registry, new BuildInfo("0.1.0", "test"), Path.of("."));
    m.expectModel("llama3.2");
    m.expectSpeechProviders(List.of("whisper"), List.of("espeak"));
    String text = scrape(registry);
    assertInitialised(
        text,
        "llm_requests_total{model=\"llama3.2\",status=\"failure\"} 0.0",
        "llm_tokens_total{model=\"llama3.2\",type=\"prompt\"} 0.0",
        "speech_provider_requests_total{operation=\"stt\",provider=\"whisper\",status=\"failure\"} 0.0",
        "speech_provider_requests_total{operation=\"tts\",provider=\"espeak\",status=\"success\"} 0.0");
    // A provider appears only for what it does; other metrics with a provider label are untouched.
    assertFalse(text.contains("operation=\"tts\",provider=\"whisper\""), text);
    assertFalse(text.contains("storage_operations_total{"), "storage got speech providers");
  }

  @Test
  void combinationsFollowLabelOrderAndStopAtTheCap() {
    MetricSpec two =
        counter("x_total", "x", LabelSpec.closed("a", "1", "2"), LabelSpec.closed("b", "x", "y"));
    assertEquals(
        List.of("1,x", "1,y", "2,x", "2,y"),
        KnownLabelSets.of(two).stream().map(c -> String.join(",", c)).toList());
    String[] many = new String[KnownLabelSets.MAX_SERIES + 1];
    java.util.Arrays.setAll(many, i -> "v" + i);
    MetricSpec wide = counter("y_total", "y", LabelSpec.closed("a", many));
    assertEquals(0, KnownLabelSets.of(wide).size());
  }
}
