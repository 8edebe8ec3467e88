package org.maiis.server.voice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.maiis.config.ServerConfig;
import org.maiis.process.Executables;
import org.maiis.server.Instrumentation;
import org.maiis.server.http.ApiException;

/**
 * The speech provider chains of {@code server.speech}: each request goes to the first provider that
 * can serve it, moving on when one fails. Only the local providers (espeak-ng, pocketsphinx) are
 * built in; a remote one in the chain is reported by health and skipped.
 */
public final class Voice {
  private static final Duration TTS_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STT_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Synthesised speech.
   *
   * @param provider the provider that produced it
   */
  public record Synthesis(String provider, Wav audio) {}

  /**
   * Recognised speech.
   *
   * @param provider the provider that produced it
   */
  public record Transcription(String provider, String text, Duration audioLength) {}

  private final List<Synthesizer> tts;
  private final List<Transcriber> stt;
  private final List<ProviderStatus> remoteTts;
  private final List<ProviderStatus> remoteStt;
  // Health in configuration order, local providers checked afresh on each call.
  private final List<Supplier<ProviderStatus>> ttsHealth;
  private final List<Supplier<ProviderStatus>> sttHealth;
  private final Instrumentation metrics;

  /** Chains of local providers only, in order (for tests of the chain itself). */
  Voice(List<Synthesizer> tts, List<Transcriber> stt, Instrumentation metrics) {
    this(
        tts,
        stt,
        List.of(),
        List.of(),
        tts.stream()
            .<Supplier<ProviderStatus>>map(p -> () -> status(p.name(), p.unavailableReason()))
            .toList(),
        stt.stream()
            .<Supplier<ProviderStatus>>map(p -> () -> status(p.name(), p.unavailableReason()))
            .toList(),
        metrics);
  }

  private Voice(
      List<Synthesizer> tts,
      List<Transcriber> stt,
      List<ProviderStatus> remoteTts,
      List<ProviderStatus> remoteStt,
      List<Supplier<ProviderStatus>> ttsHealth,
      List<Supplier<ProviderStatus>> sttHealth,
      Instrumentation metrics) {
    this.tts = List.copyOf(tts);
    this.stt = List.copyOf(stt);
    this.remoteTts = List.copyOf(remoteTts);
    this.remoteStt = List.copyOf(remoteStt);
    this.ttsHealth = List.copyOf(ttsHealth);
    this.sttHealth = List.copyOf(sttHealth);
    this.metrics = metrics;
  }

  /** The chains configured in {@code speech}, finding programs on the PATH of {@code env}. */
  public static Voice from(
      ServerConfig.Speech speech, Function<String, String> env, Instrumentation metrics) {
    Executables exe = new Executables(env);
    List<Synthesizer> tts = new ArrayList<>();
    List<ProviderStatus> remoteTts = new ArrayList<>();
    List<Supplier<ProviderStatus>> ttsHealth = new ArrayList<>();
    for (ServerConfig.TtsProvider p : speech.tts()) {
      switch (p) {
        case ESPEAK -> {
          Synthesizer s = new EspeakSynthesizer(exe.find("espeak-ng"), TTS_TIMEOUT);
          tts.add(s);
          ttsHealth.add(() -> status(s.name(), s.unavailableReason()));
        }
        case ELEVENLABS -> {
          ProviderStatus s =
              remote("elevenlabs", speech.elevenlabsApiKey().isPresent(), "elevenlabs_api_key");
          remoteTts.add(s);
          ttsHealth.add(() -> s);
        }
      }
    }
    List<Transcriber> stt = new ArrayList<>();
    List<ProviderStatus> remoteStt = new ArrayList<>();
    List<Supplier<ProviderStatus>> sttHealth = new ArrayList<>();
    for (ServerConfig.SttProvider p : speech.stt()) {
      switch (p) {
        case POCKETSPHINX -> {
          Transcriber t =
              new PocketsphinxTranscriber(exe.find("pocketsphinx_continuous"), STT_TIMEOUT);
          stt.add(t);
          sttHealth.add(() -> status(t.name(), t.unavailableReason()));
        }
        case WHISPER -> {
          ProviderStatus s = remote("whisper", speech.openaiApiKey().isPresent(), "openai_api_key");
          remoteStt.add(s);
          sttHealth.add(() -> s);
        }
      }
    }
    return new Voice(tts, stt, remoteTts, remoteStt, ttsHealth, sttHealth, metrics);
  }

  private static ProviderStatus remote(String name, boolean keyed, String keyField) {
    return new ProviderStatus(
        name,
        false,
        keyed
            ? "this version of maiis has no " + name + " client"
            : "no API key configured (server.speech." + keyField + ")");
  }

  /**
   * Speaks {@code text} with the first text-to-speech provider that can.
   *
   * @throws ApiException 503 speech_unavailable when none could, 422 when the voice is unknown
   */
  public Synthesis synthesize(String text, String voice, double speed) {
    List<String> reasons = new ArrayList<>(reasonsOf(remoteTts));
    String failed = null;
    SpeechFailure rejection = null;
    for (Synthesizer p : tts) {
      Optional<String> why = p.unavailableReason();
      if (why.isPresent()) {
        reasons.add(p.name() + ": " + why.get());
        continue;
      }
      if (failed != null) {
        metrics.speechFallback(failed, p.name());
      }
      long start = System.nanoTime();
      try {
        Wav audio = p.synthesize(text, voice, speed);
        metrics.speechRequest(p.name(), "tts", true, since(start));
        metrics.speechAudio("tts", audio.duration());
        return new Synthesis(p.name(), audio);
      } catch (SpeechFailure e) {
        metrics.speechRequest(p.name(), "tts", false, since(start));
        reasons.add(p.name() + ": " + e.getMessage());
        failed = p.name();
        rejection = e.rejected() ? e : rejection;
      }
    }
    if (rejection != null) {
      throw ApiException.unprocessable("unsupported_voice", rejection.getMessage());
    }
    throw unavailable("text-to-speech", reasons);
  }

  /**
   * Transcribes {@code audio} with the first speech-to-text provider that can.
   *
   * @param language lower-case language tag
   * @throws ApiException 503 speech_unavailable when none could, 422 when none knows the language
   */
  public Transcription transcribe(Wav audio, String language) {
    List<String> reasons = new ArrayList<>(reasonsOf(remoteStt));
    String failed = null;
    boolean languageKnown = false;
    for (Transcriber p : stt) {
      Optional<String> why = p.unavailableReason();
      if (why.isPresent()) {
        reasons.add(p.name() + ": " + why.get());
        continue;
      }
      if (!p.supports(language)) {
        reasons.add(p.name() + ": no model for language " + language);
        continue;
      }
      languageKnown = true;
      if (failed != null) {
        metrics.speechFallback(failed, p.name());
      }
      long start = System.nanoTime();
      try {
        String text = p.transcribe(audio, language);
        metrics.speechRequest(p.name(), "stt", true, since(start));
        metrics.speechAudio("stt", audio.duration());
        return new Transcription(p.name(), text, audio.duration());
      } catch (SpeechFailure e) {
        metrics.speechRequest(p.name(), "stt", false, since(start));
        reasons.add(p.name() + ": " + e.getMessage());
        failed = p.name();
      }
    }
    if (!languageKnown && stt.stream().anyMatch(p -> p.unavailableReason().isEmpty())) {
      throw ApiException.unprocessable(
          "unsupported_language", "no speech-to-text provider has a model for " + language);
    }
    throw unavailable("speech-to-text", reasons);
  }

  /** Each configured text-to-speech provider, in chain order. */
  public List<ProviderStatus> ttsHealth() {
    return ttsHealth.stream().map(Supplier::get).toList();
  }

  /** Each configured speech-to-text provider, in chain order. */
  public List<ProviderStatus> sttHealth() {
    return sttHealth.stream().map(Supplier::get).toList();
  }

  private static ProviderStatus status(String name, Optional<String> why) {
    return new ProviderStatus(name, why.isEmpty(), why.orElse(null));
  }

  private static List<String> reasonsOf(List<ProviderStatus> remote) {
    return remote.stream().map(s -> s.provider() + ": " + s.reason()).toList();
  }

  private static ApiException unavailable(String operation, List<String> reasons) {
    return ApiException.unavailable(
        "speech_unavailable",
        "no "
            + operation
            + " provider could serve the request"
            + (reasons.isEmpty() ? " (none configured)" : " (" + String.join("; ", reasons) + ")"));
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
