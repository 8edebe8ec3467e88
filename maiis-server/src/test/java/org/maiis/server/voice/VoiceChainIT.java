package org.maiis.server.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maiis.server.failure.Failure;
import org.maiis.testing.ExternalTools;

/** The chain moves past a provider whose program fails (/bin/false), and records it. */
class VoiceChainIT {
  private static final Optional<Path> BROKEN = Optional.of(Path.of("/bin/false"));
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private VoiceCounters counters;
  private VoiceMetrics metrics;

  @BeforeEach
  void metrics() {
    counters = new VoiceCounters();
    metrics = counters.metrics;
  }

  @Test
  void aFailedProviderFallsBackToTheNext() {
    Path espeak = ExternalTools.SYSTEM.require("espeak-ng", "espeak-ng");
    Voice voice =
        new Voice(
            List.of(
                new EspeakSynthesizer(BROKEN, TIMEOUT),
                new EspeakSynthesizer(Optional.of(espeak), TIMEOUT)),
            List.of(),
            metrics);
    Voice.Synthesis s = voice.synthesize("hello", "en-us", 1.0);
    assertEquals(22_050, s.audio().sampleRate());
    assertTrue(s.audio().duration().toMillis() > 200);
    assertEquals(1.0, counters.counter("speech_provider_fallback", "primary_provider", "espeak"));
    assertEquals(1.0, counters.counter("speech_provider_requests", "status", "failure"));
    assertEquals(1.0, counters.counter("speech_provider_requests", "status", "success"));
  }

  @Test
  void aChainOfFailingProvidersIs503WithTheirReasons() {
    Voice voice =
        new Voice(
            List.of(new EspeakSynthesizer(BROKEN, TIMEOUT)),
            List.of(new PocketsphinxTranscriber(BROKEN, TIMEOUT)),
            metrics);
    Failure tts = assertThrows(Failure.class, () -> voice.synthesize("hello", "en-us", 1.0));
    assertEquals(Failure.Kind.UNAVAILABLE, tts.kind());
    assertEquals("speech_unavailable", tts.code());
    assertTrue(
        tts.getMessage().contains("espeak: espeak-ng exited with status 1"), tts.getMessage());
    Failure stt =
        assertThrows(Failure.class, () -> voice.transcribe(new Wav(16_000, new short[1600]), "en"));
    assertEquals(Failure.Kind.UNAVAILABLE, stt.kind());
    assertTrue(stt.getMessage().contains("pocketsphinx exited with status 1"), stt.getMessage());
    assertEquals(2.0, counters.counter("speech_provider_requests", "status", "failure"));
  }

  @Test
  void aMissingProgramIsSkippedAndReported() {
    Voice voice =
        new Voice(
            List.of(new EspeakSynthesizer(Optional.empty(), TIMEOUT)),
            List.of(new PocketsphinxTranscriber(Optional.empty(), TIMEOUT)),
            metrics);
    Failure e = assertThrows(Failure.class, () -> voice.synthesize("hello", "en-us", 1.0));
    assertTrue(e.getMessage().contains("not installed"), e.getMessage());
    assertEquals(false, voice.ttsHealth().get(0).available());
    assertEquals("the espeak-ng program is not installed", voice.ttsHealth().get(0).reason());
    assertEquals(0.0, counters.counter("speech_provider_requests", "status", "failure"));
  }
}
