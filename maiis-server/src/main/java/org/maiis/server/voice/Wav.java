package org.maiis.server.voice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;

/**
 * 16-bit PCM audio read from and written to RIFF/WAVE. Pocketsphinx's model wants 16 kHz mono, and
 * espeak-ng writes 22.05 kHz, so audio is resampled here rather than with another program.
 *
 * @param sampleRate samples per second
 * @param samples mono samples
 */
public record Wav(int sampleRate, short[] samples) {
  /** The rate pocketsphinx's acoustic model was trained on. */
  public static final int SPEECH_RATE = 16_000;

  /**
   * Reads a PCM 16-bit WAV (any rate, channels mixed down to mono).
   *
   * @return empty when the bytes are not a PCM 16-bit RIFF/WAVE file
   */
  public static Optional<Wav> parse(byte[] bytes) {
    if (bytes.length < 12 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    // A long: a chunk may declare up to 4 GiB, and an int position would wrap past the end.
    long pos = 12;
    int channels = 0;
    int rate = 0;
    boolean pcm16 = false;
    while (pos + 8 <= bytes.length) {
      int at = (int) pos;
      long size = Integer.toUnsignedLong(b.getInt(at + 4));
      int body = at + 8;
      if (ascii(bytes, at, "fmt ") && size >= 16 && body + 16 <= bytes.length) {
        int format = Short.toUnsignedInt(b.getShort(body));
        channels = Short.toUnsignedInt(b.getShort(body + 2));
        rate = b.getInt(body + 4);
        int bits = Short.toUnsignedInt(b.getShort(body + 14));
        pcm16 = format == 1 && bits == 16 && channels > 0 && rate > 0;
      } else if (ascii(bytes, at, "data")) {
        if (!pcm16) {
          return Optional.empty();
        }
        // Streaming writers (espeak-ng to a pipe) leave the size unset: read to the end then.
        long end = Math.min(bytes.length, body + size);
        int frames = (int) ((end - body) / (2L * channels));
        short[] mono = new short[frames];
        for (int f = 0; f < frames; f++) {
          int sum = 0;
          for (int c = 0; c < channels; c++) {
            sum += b.getShort(body + 2 * (f * channels + c));
          }
          mono[f] = (short) (sum / channels);
        }
        return Optional.of(new Wav(rate, mono));
      }
      pos = body + size + (size & 1);
    }
    return Optional.empty();
  }

  /** This audio at {@code rate}, by linear interpolation (speech needs nothing finer). */
  public Wav resample(int rate) {
    if (rate == sampleRate) {
      return this;
    }
    long length = (long) samples.length * rate / sampleRate;
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          samples.length + " samples at " + sampleRate + " Hz are too many at " + rate + " Hz");
    }
    int n = (int) length;
    short[] out = new short[n];
    double step = (double) sampleRate / rate;
    for (int i = 0; i < n; i++) {
      double x = i * step;
      int j = (int) x;
      double frac = x - j;
      int a = samples[Math.min(j, samples.length - 1)];
      int c = samples[Math.min(j + 1, samples.length - 1)];
      out[i] = (short) Math.round(a + (c - a) * frac);
    }
    return new Wav(rate, out);
  }

  /** How long the audio plays. */
  public Duration duration() {
    return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
  }

  /** A canonical 44-byte-header mono PCM 16-bit WAV. */
  public byte[] bytes() {
    int data = samples.length * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + data);
    b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data);
    for (short s : samples) {
      b.putShort(s);
    }
    return b.array();
  }

  private static boolean ascii(byte[] bytes, int at, String tag) {
    if (at + tag.length() > bytes.length) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      if (bytes[at + i] != tag.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
