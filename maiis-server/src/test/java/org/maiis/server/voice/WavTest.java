package org.maiis.server.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WavTest {
  @Test
  void writtenWavReadsBackTheSameSamples() {
    Wav wav = new Wav(22_050, new short[] {0, 1000, -1000, 32767, -32768});
    byte[] bytes = wav.bytes();
    assertEquals(44 + 10, bytes.length);
    Wav back = Wav.parse(bytes).orElseThrow();
    assertEquals(22_050, back.sampleRate());
    assertArrayEquals(wav.samples(), back.samples());
  }

  @Test
  void stereoIsMixedDownToMono() {
    ByteBuffer b = ByteBuffer.allocate(44 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(44).put("WAVEfmt ".getBytes()).putInt(16);
    b.putShort((short) 1).putShort((short) 2).putInt(8000).putInt(32000);
    b.putShort((short) 4).putShort((short) 16).put("data".getBytes()).putInt(8);
    b.putShort((short) 100).putShort((short) 300).putShort((short) -50).putShort((short) -150);
    Wav wav = Wav.parse(b.array()).orElseThrow();
    assertArrayEquals(new short[] {200, -100}, wav.samples());
  }

  @Test
  void resamplingKeepsTheDurationAndTheShape() {
    short[] ramp = new short[22_050];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = (short) (i % 1000);
    }
    Wav in = new Wav(22_050, ramp);
    Wav out = in.resample(16_000);
    assertEquals(16_000, out.sampleRate());
    assertEquals(16_000, out.samples().length);
    assertEquals(Duration.ofSeconds(1), out.duration());
    // Sample k of the output sits at k * 22050/16000 of the input.
    assertEquals(Math.round(100 * 22_050 / 16_000.0), out.samples()[100], 1);
  }

  @Test
  void notPcm16WavIsRefused() {
    assertTrue(Wav.parse("ID3 an mp3 file".getBytes()).isEmpty());
    Wav wav = new Wav(16_000, new short[] {1, 2});
    byte[] bytes = wav.bytes();
    bytes[34] = 8; // 8-bit samples
    assertTrue(Wav.parse(bytes).isEmpty());
  }
}
