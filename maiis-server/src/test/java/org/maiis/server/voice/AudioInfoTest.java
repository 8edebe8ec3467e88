package org.maiis.server.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Header parsing of {@link AudioInfo} on hand-made files. */
class AudioInfoTest {

  @Test
  void aCanonicalWavIsReadFromItsChunks() {
    AudioInfo i = AudioInfo.of(new Wav(16_000, new short[8_000]).bytes()).orElseThrow();
    assertEquals(new AudioInfo("wav", "pcm_s16le", 16_000, 1, 16, 256, 0.5, 44 + 16_000), i);
  }

  @Test
  void stereo8BitWavWithAStreamingSizeRunsToTheEnd() {
    // An unknown chunk first, then fmt (PCM, 2 channels, 8 kHz, 8 bit), then data sized 0.
    ByteBuffer b = ByteBuffer.allocate(12 + 12 + 24 + 8 + 16_000).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"));
    b.put(ascii("LIST")).putInt(4).put(ascii("INFO"));
    b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 2).putInt(8_000);
    b.putInt(16_000).putShort((short) 2).putShort((short) 8);
    b.put(ascii("data")).putInt(0);
    AudioInfo i = AudioInfo.of(b.array()).orElseThrow();
    assertEquals("pcm_u8", i.codec());
    assertEquals(2, i.channels());
    assertEquals(1.0, i.durationSeconds());
    assertEquals(128, i.bitrateKbps());
  }

  @Test
  void aChunkDeclaringGigabytesEndsTheWalkInsteadOfWrappingPastTheEnd() {
    // A fmt chunk of 2 GiB: the next chunk would start past any array, and an int position wraps.
    byte[] wav = hostileWav(0x7FFF_FFF0, 1, 16_000);
    assertEquals(Optional.empty(), AudioInfo.of(wav));
    assertEquals(Optional.empty(), Wav.parse(wav));
  }

  @Test
  void aHeaderOfManyChannelsGivesAPositiveBitRate() {
    // 65,535 channels of 16-bit at 16 kHz: 2.1 GB/s, whose bits overflow an int.
    AudioInfo i = AudioInfo.of(hostileWav(16, 65_535, 16_000)).orElseThrow();
    assertEquals(16_776_960, i.bitrateKbps());
  }

  private static byte[] hostileWav(int fmtSize, int channels, int rate) {
    int byteRate = (int) ((long) rate * channels * 2);
    ByteBuffer b = ByteBuffer.allocate(12 + 24 + 8 + 64).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"));
    b.put(ascii("fmt ")).putInt(fmtSize).putShort((short) 1).putShort((short) channels);
    b.putInt(rate).putInt(byteRate).putShort((short) (channels * 2)).putShort((short) 16);
    b.put(ascii("data")).putInt(64);
    return b.array();
  }

  @Test
  void twoConsecutiveMpegFramesAreAnMp3() {
    // MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding, mono: 417-byte frames of 1152 samples.
    byte[] mp3 = new byte[417 * 10];
    for (int f = 0; f < 10; f++) {
      mp3[f * 417] = (byte) 0xFF;
      mp3[f * 417 + 1] = (byte) 0xFB;
      mp3[f * 417 + 2] = (byte) 0x90;
      mp3[f * 417 + 3] = (byte) 0xC0;
    }
    AudioInfo i = AudioInfo.of(mp3).orElseThrow();
    assertEquals("mpeg1_layer3", i.codec());
    assertEquals(44_100, i.sampleRate());
    assertEquals(1, i.channels());
    assertNull(i.bitsPerSample());
    assertEquals(Math.round(10 * 1152 / 44.1) / 1000.0, i.durationSeconds());
    assertEquals(128, i.bitrateKbps());
  }

  @Test
  void theFrameWalkStopsWhereTheStreamChangesAndSkipsTheId3Tag() {
    // A 10-byte ID3v2 header with a 6-byte body, 5 mono frames, then a stereo one.
    byte[] mp3 = new byte[16 + 417 * 6 + 3];
    mp3[0] = 'I';
    mp3[1] = 'D';
    mp3[2] = '3';
    mp3[3] = 4;
    mp3[9] = 6;
    for (int f = 0; f < 6; f++) {
      int at = 16 + f * 417;
      mp3[at] = (byte) 0xFF;
      mp3[at + 1] = (byte) 0xFB;
      mp3[at + 2] = (byte) 0x90;
      mp3[at + 3] = (byte) (f < 5 ? 0xC0 : 0x00);
    }
    AudioInfo.Mp3Frames m = AudioInfo.mp3Frames(mp3).orElseThrow();
    assertEquals(16, m.start());
    assertEquals(16 + 417 * 5, m.end());
    assertEquals(5, m.frames());
    assertEquals(1, m.channels());
    assertEquals(5 * 1152 * 2, m.pcmBytes());
    assertEquals(3, m.layer());
  }

  @Test
  void aLoneSyncWordOrTextIsNotAudio() {
    byte[] noise = new byte[1000];
    noise[0] = (byte) 0xFF;
    noise[1] = (byte) 0xFB;
    noise[2] = (byte) 0x90;
    assertEquals(Optional.empty(), AudioInfo.of(noise));
    assertEquals(Optional.empty(), AudioInfo.of("hello".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), AudioInfo.of(new byte[0]));
    assertEquals(Optional.empty(), AudioInfo.of(ascii("RIFF\0\0\0\0WAVEdata\0\0\0\0")));
  }

  @Test
  void otherContainersAreNamed() {
    assertEquals(Optional.of("ogg"), AudioInfo.otherKnownFormat(ascii("OggS\0\2")));
    assertEquals(Optional.of("flac"), AudioInfo.otherKnownFormat(ascii("fLaC\0")));
    assertEquals(Optional.of("mp4"), AudioInfo.otherKnownFormat(ascii("\0\0\0\30ftypM4A ")));
    assertTrue(AudioInfo.otherKnownFormat(ascii("text")).isEmpty());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
