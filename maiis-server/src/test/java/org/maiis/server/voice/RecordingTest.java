package org.maiis.server.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maiis.server.failure.Failure;

/** What {@link Recording#detect} accepts and refuses, from the bytes alone. */
class RecordingTest {
  private static final Mp3Decoder NO_LAME = new Mp3Decoder(Optional.empty(), Duration.ofSeconds(1));

  @Test
  void aWavIsReadAsItsSamples() throws Exception {
    Recording r = Recording.detect(new Wav(8_000, new short[4_000]).bytes(), NO_LAME);
    assertEquals("wav", r.format());
    assertFalse(r.isMp3());
    assertEquals(Duration.ofMillis(500), r.duration());
    assertEquals(8_000, r.pcm().sampleRate());
    assertEquals("audio/wav", r.contentType());
  }

  @Test
  void anMp3IsKeptAsSentAndWithoutLameItsSamplesFailNamingThePackage() {
    byte[] mp3 = frames(10, 0x90, 0xC0, 417);
    Recording r = Recording.detect(mp3, NO_LAME);
    assertEquals("mp3", r.format());
    assertEquals("audio/mpeg", r.contentType());
    assertEquals(mp3, r.file());
    assertEquals(10 * 1152 * 1000 / 44_100, r.duration().toMillis());
    SpeechFailure f = assertThrows(SpeechFailure.class, r::pcm);
    assertTrue(f.getMessage().contains("Debian package lame"), f.getMessage());
  }

  @Test
  void anMp3DecodingToMoreThanTheLimitIs413BeforeAnythingIsDecoded() {
    // MPEG-1 layer III, 32 kbit/s, 48 kHz, stereo: 96-byte frames, each 4,608 bytes of PCM.
    int n = (int) (Recording.MAX_DECODED_BYTES / 4_608) + 1;
    Failure e =
        assertThrows(Failure.class, () -> Recording.detect(frames(n, 0x14, 0x00, 96), NO_LAME));
    assertEquals(Failure.Kind.TOO_LARGE, e.kind());
    assertEquals("payload_too_large", e.code());
    assertTrue(e.getMessage().contains("100 MiB"), e.getMessage());
    // One frame fewer is within the limit.
    assertEquals("mp3", Recording.detect(frames(n - 1, 0x14, 0x00, 96), NO_LAME).format());
  }

  @Test
  void aWavDeclaringATinySampleRateIs413NotAGigabyteResample() throws Exception {
    // 400 KB at 1 Hz: 200,000 seconds, 6.4 GB at 16 kHz (the int overflowed: a 500).
    Failure e =
        assertThrows(
            Failure.class, () -> Recording.detect(new Wav(1, new short[200_000]).bytes(), NO_LAME));
    assertEquals(Failure.Kind.TOO_LARGE, e.kind());
    assertEquals("payload_too_large", e.code());
    assertTrue(e.getMessage().contains("200000 samples at 1 Hz"), e.getMessage());
    // At 8 kHz the same samples are 25 seconds: fine, and they resample.
    Recording ok = Recording.detect(new Wav(8_000, new short[200_000]).bytes(), NO_LAME);
    assertEquals(400_000, ok.pcm().resample(Wav.SPEECH_RATE).samples().length);
    assertThrows(
        IllegalArgumentException.class,
        () -> new Wav(1, new short[200_000]).resample(Wav.SPEECH_RATE));
  }

  @Test
  void everythingElseIs415NamingWhatIsAccepted() {
    Failure text = refused("just text".getBytes(StandardCharsets.UTF_8));
    assertEquals(Failure.Kind.UNSUPPORTED_TYPE, text.kind());
    assertEquals("unsupported_audio", text.code());
    assertEquals("the audio is neither WAV nor MP3; send PCM 16-bit WAV or MP3", text.getMessage());
    assertEquals(
        "flac audio is not accepted; send PCM 16-bit WAV or MP3",
        refused("fLaC\0\0\0\"".getBytes(StandardCharsets.ISO_8859_1)).getMessage());
    // MPEG-1 layer II (0xFD), 128 kbit/s, 44.1 kHz: MPEG audio, but not MP3.
    byte[] mp2 = frames(4, 0x80, 0xC0, 417);
    for (int f = 0; f < 4; f++) {
      mp2[f * 417 + 1] = (byte) 0xFD;
    }
    assertTrue(refused(mp2).getMessage().startsWith("this is MPEG layer 2 audio"));
    Failure silent =
        assertThrows(
            Failure.class, () -> Recording.detect(new Wav(16_000, new short[0]).bytes(), NO_LAME));
    assertEquals(Failure.Kind.INVALID, silent.kind());
  }

  private static Failure refused(byte[] bytes) {
    return assertThrows(Failure.class, () -> Recording.detect(bytes, NO_LAME));
  }

  // n MPEG-1 layer III frames of {@code length} bytes with the given header bytes 2 and 3.
  private static byte[] frames(int n, int b2, int b3, int length) {
    byte[] mp3 = new byte[n * length];
    for (int f = 0; f < n; f++) {
      mp3[f * length] = (byte) 0xFF;
      mp3[f * length + 1] = (byte) 0xFB;
      mp3[f * length + 2] = (byte) b2;
      mp3[f * length + 3] = (byte) b3;
    }
    return mp3;
  }
}
