package org.maiis.server.voice;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.maiis.config.ServerConfig;
import org.maiis.process.Executables;
import org.maiis.server.failure.Failure;

/**
 * The speech provider chains of {@code server.speech}: each request goes to the first provider that
 * can serve it, moving on (and counting the fallback) when one fails. Remote providers (Whisper,
 * ElevenLabs) without an API key are skipped and reported.
 */
public final class Voice {
  private static final Duration TTS_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STT_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(500);

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

  /**
   * Speech in the format a client asked for.
   *
   * @param provider the text-to-speech provider that spoke it
   * @param bytes the WAV or MP3 file
   * @param format {@code wav} or {@code mp3}
   */
  public record Spoken(String provider, byte[] bytes, String format) {}

  private static final Duration MP3_TIMEOUT = Duration.ofSeconds(60);

  private final List<Synthesizer> tts;
  private final List<Transcriber> stt;
  private final Mp3Encoder mp3;
  private final Mp3Decoder mp3Input;
  private final VoiceMetrics metrics;
  private final Duration maxAudio;
  private final int maxTtsChars;

  /** Chains of providers, in order, without MP3 output or decoding. */
  Voice(List<Synthesizer> tts, List<Transcriber> stt, VoiceMetrics metrics) {
    this(
        tts,
        stt,
        new Mp3Encoder(Optional.empty(), MP3_TIMEOUT),
        new Mp3Decoder(Optional.empty(), MP3_TIMEOUT),
        metrics);
  }

  /**
   * Chains of providers, in order; MP3 output through {@code mp3}, MP3 input decoded by {@code
   * mp3Input}.
   */
  Voice(
      List<Synthesizer> tts,
      List<Transcriber> stt,
      Mp3Encoder mp3,
      Mp3Decoder mp3Input,
      VoiceMetrics metrics) {
    this(tts, stt, mp3, mp3Input, metrics, Duration.ofMinutes(5), 2_000);
  }

  /**
   * As above, refusing audio longer than {@code maxAudio} (heard or spoken) and text longer than
   * {@code maxTtsChars} to speak.
   */
  Voice(
      List<Synthesizer> tts,
      List<Transcriber> stt,
      Mp3Encoder mp3,
      Mp3Decoder mp3Input,
      VoiceMetrics metrics,
      Duration maxAudio,
      int maxTtsChars) {
    this.maxAudio = maxAudio;
    this.maxTtsChars = maxTtsChars;
    this.tts = List.copyOf(tts);
    this.stt = List.copyOf(stt);
    this.mp3 = mp3;
    this.mp3Input = mp3Input;
    this.metrics = metrics;
  }

  /**
   * The chains configured in {@code speech}, finding programs on the PATH of {@code env} and
   * calling remote APIs through {@code http}.
   *
   * @param env the environment: PATH and the API keys' secret references
   */
  public static Voice from(
      ServerConfig.Speech speech,
      Function<String, String> env,
      HttpClient http,
      VoiceMetrics metrics) {
    return from(speech, env, http, FIRST_RETRY_PAUSE, metrics);
  }

  /** As above, with the pause before the first retry of a remote call (short in tests). */
  static Voice from(
      ServerConfig.Speech speech,
      Function<String, String> env,
      HttpClient http,
      Duration firstRetryPause,
      VoiceMetrics metrics) {
    Executables exe = new Executables(env);
    List<Synthesizer> tts = new ArrayList<>();
    for (ServerConfig.TtsProvider p : speech.tts()) {
      tts.add(
          switch (p) {
            case ESPEAK -> new EspeakSynthesizer(exe.find("espeak-ng"), TTS_TIMEOUT);
            case ELEVENLABS ->
                new ElevenLabsSynthesizer(
                    speech.elevenlabsUrl(),
                    speech.elevenlabsVoice(),
                    speech.elevenlabsModel(),
                    new RemoteAccount(
                        "elevenlabs", speech.elevenlabsApiKey(), "elevenlabs_api_key", env),
                    new RemoteApi(
                        "elevenlabs",
                        http,
                        speech.remoteTimeout(),
                        speech.remoteRetries(),
                        firstRetryPause,
                        metrics));
          });
    }
    List<Transcriber> stt = new ArrayList<>();
    for (ServerConfig.SttProvider p : speech.stt()) {
      stt.add(
          switch (p) {
            case POCKETSPHINX ->
                new PocketsphinxTranscriber(exe.find("pocketsphinx_continuous"), STT_TIMEOUT);
            case WHISPER ->
                new WhisperTranscriber(
                    speech.openaiUrl(),
                    speech.whisperModel(),
                    new RemoteAccount("whisper", speech.openaiApiKey(), "openai_api_key", env),
                    new RemoteApi(
                        "whisper",
                        http,
                        speech.remoteTimeout(),
                        speech.remoteRetries(),
                        firstRetryPause,
                        metrics));
          });
    }
    Optional<Path> lame = exe.find("lame");
    return new Voice(
        tts,
        stt,
        new Mp3Encoder(lame, MP3_TIMEOUT),
        new Mp3Decoder(lame, MP3_TIMEOUT),
        metrics,
        speech.maxAudioLength(),
        speech.maxTtsChars());
  }

  /**
   * The client's audio, WAV or MP3 by its content.
   *
   * @throws Failure as {@link Recording#detect}
   */
  public Recording recording(byte[] bytes) {
    return Recording.detect(bytes, mp3Input);
  }

  /** Whether MP3 output is possible here (the lame program is installed). */
  public boolean mp3Available() {
    return mp3.available();
  }

  /**
   * Speaks {@code text} as {@code options} say, in their format.
   *
   * @throws Failure 503 mp3_unavailable (checked before any synthesis) when MP3 is asked for
   *     without lame; as {@link #synthesize}
   */
  public Spoken speak(String text, SpeechOptions options) {
    boolean asMp3 = options.format().equals("mp3");
    if (asMp3 && !mp3.available()) {
      throw Failure.unavailable("mp3_unavailable", Mp3Encoder.MISSING);
    }
    Synthesis s = synthesize(text, options.voice(), options.speed());
    if (!asMp3) {
      return new Spoken(s.provider(), s.audio().bytes(), "wav");
    }
    try {
      return new Spoken(s.provider(), mp3.encode(s.audio()), "mp3");
    } catch (SpeechFailure e) {
      throw Failure.unavailable("mp3_unavailable", e.getMessage());
    }
  }

  /**
   * Speaks {@code text} with the first text-to-speech provider that can.
   *
   * @throws Failure 503 speech_unavailable when none could, 422 when the voice is unknown
   */
  public Synthesis synthesize(String text, String voice, double speed) {
    if (text.length() > maxTtsChars) {
      throw Failure.of(
          Failure.Kind.TOO_LARGE,
          "text_too_long",
          "text is longer than " + maxTtsChars + " characters (server.speech.max_tts_chars)");
    }
    Chain chain = new Chain();
    SpeechFailure rejection = null;
    for (Synthesizer p : tts) {
      if (chain.passedOver(p)) {
        continue;
      }
      chain.trying(p);
      long start = System.nanoTime();
      try {
        Wav audio = p.synthesize(text, voice, speed);
        metrics.speechRequest(p.name(), "tts", true, since(start));
        // A slow speed stretches even a short text: the output has the same cap as the input.
        refuseLongerThanMax(audio.duration(), "the speech");
        metrics.speechAudio("tts", audio.duration());
        return new Synthesis(p.name(), audio);
      } catch (SpeechFailure e) {
        metrics.speechRequest(p.name(), "tts", false, since(start));
        chain.failed(p, e);
        rejection = e.rejected() ? e : rejection;
      }
    }
    if (rejection != null) {
      throw Failure.ruleBroken("unsupported_voice", rejection.getMessage());
    }
    throw chain.exhausted("text-to-speech");
  }

  /**
   * Transcribes {@code audio} with the first speech-to-text provider that can.
   *
   * @param language lower-case language tag
   * @throws Failure 503 speech_unavailable when none could, 422 when none knows the language
   */
  public Transcription transcribe(Wav audio, String language) {
    return transcribe(Recording.of(audio), language);
  }

  /**
   * Transcribes {@code audio} with the first speech-to-text provider that can; an MP3 goes as it is
   * to a provider that takes MP3 (Whisper), and decoded by lame to the others.
   *
   * @param language lower-case language tag
   * @throws Failure 503 mp3_unavailable when the audio is MP3, lame is missing and no provider that
   *     could serve takes MP3; 503 speech_unavailable when none could, 422 when none knows the
   *     language
   */
  public Transcription transcribe(Recording audio, String language) {
    refuseLongerThanMax(audio.duration(), "the audio");
    if (audio.isMp3() && !mp3Input.available()) {
      List<Transcriber> servable =
          stt.stream()
              .filter(p -> p.unavailableReason().isEmpty() && p.supports(language))
              .toList();
      if (!servable.isEmpty() && servable.stream().noneMatch(Transcriber::takesMp3)) {
        throw Failure.unavailable("mp3_unavailable", Mp3Decoder.MISSING);
      }
    }
    Chain chain = new Chain();
    boolean languageKnown = false;
    for (Transcriber p : stt) {
      if (chain.passedOver(p)) {
        continue;
      }
      if (!p.supports(language)) {
        chain.skip(p, "no model for language " + language);
        continue;
      }
      languageKnown = true;
      chain.trying(p);
      long start = System.nanoTime();
      try {
        String text = p.transcribe(audio, language);
        metrics.speechRequest(p.name(), "stt", true, since(start));
        metrics.speechAudio("stt", audio.duration());
        return new Transcription(p.name(), text, audio.duration());
      } catch (SpeechFailure e) {
        metrics.speechRequest(p.name(), "stt", false, since(start));
        chain.failed(p, e);
      }
    }
    if (!languageKnown && stt.stream().anyMatch(p -> p.unavailableReason().isEmpty())) {
      throw Failure.ruleBroken(
          "unsupported_language", "no speech-to-text provider has a model for " + language);
    }
    throw chain.exhausted("speech-to-text");
  }

  private void refuseLongerThanMax(Duration length, String what) {
    if (length.compareTo(maxAudio) > 0) {
      throw Failure.of(
          Failure.Kind.TOO_LARGE,
          "audio_too_long",
          what
              + " is "
              + length.toSeconds()
              + " s long; the limit is "
              + maxAudio.toSeconds()
              + " s (server.speech.max_audio_length)");
    }
  }

  /** The longest text {@link #synthesize} speaks. */
  public int maxTtsChars() {
    return maxTtsChars;
  }

  /** The text-to-speech chain, in order. */
  List<Synthesizer> synthesizers() {
    return tts;
  }

  /** Each configured text-to-speech provider, in chain order (remote ones probed). */
  public List<ProviderStatus> ttsHealth() {
    return tts.stream().map(Synthesizer::status).toList();
  }

  /** Each configured speech-to-text provider, in chain order (remote ones probed). */
  public List<ProviderStatus> sttHealth() {
    return stt.stream().map(Transcriber::status).toList();
  }

  /** One walk down a provider chain: why each provider did not serve, and which failed last. */
  private final class Chain {
    private final List<String> reasons = new ArrayList<>();
    private String failed;

    /** Whether {@code p} cannot serve at all (not installed, no key); its reason is kept. */
    boolean passedOver(SpeechProvider p) {
      Optional<String> why = p.unavailableReason();
      why.ifPresent(w -> skip(p, w));
      return why.isPresent();
    }

    /** {@code p} does not serve, because {@code why}. */
    void skip(SpeechProvider p, String why) {
      reasons.add(p.name() + ": " + why);
    }

    /** {@code p} is asked next: a fallback when one before it failed. */
    void trying(SpeechProvider p) {
      if (failed != null) {
        metrics.speechFallback(failed, p.name());
      }
    }

    /** {@code p} failed with {@code e}. */
    void failed(SpeechProvider p, SpeechFailure e) {
      skip(p, e.getMessage());
      failed = p.name();
    }

    /** The 503 when no provider of the chain served {@code operation}. */
    Failure exhausted(String operation) {
      return Failure.unavailable(
          "speech_unavailable",
          "no "
              + operation
              + " provider could serve the request"
              + (reasons.isEmpty()
                  ? " (none configured)"
                  : " (" + String.join("; ", reasons) + ")"));
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
