package org.maiis.server.voice;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maiis.server.failure.Failure;

/** Speech has a cost limit on both sides: text to speak, audio heard, audio spoken. */
class SpeechLimitsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  // Speaks one second of silence per character: long output from short input.
  private static final Synthesizer SLOW =
      new Synthesizer() {
        @Override
        public String name() {
          return "slow";
        }

        @Override
        public Optional<String> unavailableReason() {
          return Optional.empty();
        }

        @Override
        public Wav synthesize(String text, String voice, double speed) {
          return new Wav(8_000, new short[8_000 * text.length()]);
        }
      };

  private final Voice voice =
      new Voice(
          List.of(SLOW),
          List.of(new PocketsphinxTranscriber(Optional.empty(), TIMEOUT)),
          new Mp3Encoder(Optional.empty(), TIMEOUT),
          new Mp3Decoder(Optional.empty(), TIMEOUT),
          VoiceMetrics.NONE,
          Duration.ofSeconds(10),
          40);

  @Test
  void textLongerThanTheLimitIs413() {
    Failure e = assertThrows(Failure.class, () -> voice.synthesize("x".repeat(41), "en-us", 1.0));
    assertEquals(Failure.Kind.TOO_LARGE, e.kind());
    assertEquals("text_too_long", e.code());
    assertTrue(e.getMessage().contains("max_tts_chars"), e.getMessage());
  }

  @Test
  void speechLongerThanTheLimitIs413() {
    assertEquals(
        Duration.ofSeconds(10), voice.synthesize("x".repeat(10), "en-us", 1).audio().duration());
    Failure e = assertThrows(Failure.class, () -> voice.synthesize("x".repeat(11), "en-us", 1.0));
    assertEquals(Failure.Kind.TOO_LARGE, e.kind());
    assertEquals("audio_too_long", e.code());
  }

  @Test
  void audioLongerThanTheLimitIsNotTranscribed() {
    Failure e =
        assertThrows(
            Failure.class, () -> voice.transcribe(new Wav(16_000, new short[16_000 * 11]), "en"));
    assertEquals(Failure.Kind.TOO_LARGE, e.kind());
    assertEquals("audio_too_long", e.code());
    assertTrue(e.getMessage().contains("max_audio_length"), e.getMessage());
  }
}
