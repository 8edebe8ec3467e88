package org.maiis.server.voice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * What an audio file's headers say: WAV from its RIFF chunks, MP3 by walking its frames (so VBR
 * durations are exact). Nothing is decoded.
 *
 * @param format {@code wav} or {@code mp3}
 * @param codec e.g. {@code pcm_s16le}, {@code ieee_float}, {@code mpeg1_layer3}
 * @param sampleRate samples per second
 * @param channels 1 mono, 2 stereo
 * @param bitsPerSample for WAV; null for MP3
 * @param bitrateKbps average bit rate of the audio data
 * @param durationSeconds playing time, rounded to milliseconds
 * @param sizeBytes the whole file
 */
public record AudioInfo(
    String format,
    String codec,
    int sampleRate,
    int channels,
    Integer bitsPerSample,
    int bitrateKbps,
    double durationSeconds,
    long sizeBytes) {

  /** Reads WAV or MP3 headers; empty when the bytes are neither (or are damaged). */
  public static Optional<AudioInfo> of(byte[] bytes) {
    if (bytes.length >= 12 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) {
      return wav(bytes);
    }
    return mp3(bytes);
  }

  /** A name for a container this class does not read (for a helpful 415), or empty. */
  public static Optional<String> otherKnownFormat(byte[] b) {
    if (ascii(b, 0, "OggS")) {
      return Optional.of("ogg");
    }
    if (ascii(b, 0, "fLaC")) {
      return Optional.of("flac");
    }
    if (ascii(b, 4, "ftyp")) {
      return Optional.of("mp4");
    }
    if (b.length >= 4
        && (b[0] & 0xFF) == 0x1A
        && (b[1] & 0xFF) == 0x45
        && (b[2] & 0xFF) == 0xDF
        && (b[3] & 0xFF) == 0xA3) {
      return Optional.of("webm");
    }
    return Optional.empty();
  }

  private static Optional<AudioInfo> wav(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    // A long: a chunk may declare up to 4 GiB, and an int position would wrap past the end.
    long pos = 12;
    int tag = -1;
    int channels = 0;
    int rate = 0;
    int byteRate = 0;
    int bits = 0;
    while (pos + 8 <= bytes.length) {
      int at = (int) pos;
      long size = Integer.toUnsignedLong(b.getInt(at + 4));
      int body = at + 8;
      if (ascii(bytes, at, "fmt ") && size >= 16 && body + 16 <= bytes.length) {
        tag = Short.toUnsignedInt(b.getShort(body));
        channels = Short.toUnsignedInt(b.getShort(body + 2));
        rate = b.getInt(body + 4);
        byteRate = b.getInt(body + 8);
        bits = Short.toUnsignedInt(b.getShort(body + 14));
        // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
        if (tag == 0xFFFE && size >= 40 && body + 26 <= bytes.length) {
          tag = Short.toUnsignedInt(b.getShort(body + 24));
        }
      } else if (ascii(bytes, at, "data")) {
        if (tag < 0 || channels <= 0 || rate <= 0 || byteRate <= 0) {
          return Optional.empty();
        }
        // Streaming writers leave the size unset (0 or ~0): the data runs to the end then.
        long data = Math.min(size == 0 ? Long.MAX_VALUE : size, bytes.length - (long) body);
        double seconds = (double) data / byteRate;
        return Optional.of(
            new AudioInfo(
                "wav",
                wavCodec(tag, bits),
                rate,
                channels,
                bits,
                (int) Math.round(byteRate * 8L / 1000.0),
                Math.round(seconds * 1000) / 1000.0,
                bytes.length));
      }
      pos = body + size + (size & 1);
    }
    return Optional.empty();
  }

  private static String wavCodec(int tag, int bits) {
    return switch (tag) {
      case 1 -> bits == 8 ? "pcm_u8" : "pcm_s" + bits + "le";
      case 3 -> "ieee_float";
      case 6 -> "alaw";
      case 7 -> "mulaw";
      default -> "format_" + tag;
    };
  }

  // Bit rates in kbit/s by [MPEG-1 or not][layer 1..3][index].
  private static final int[][][] BITRATES = {
    {
      {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
      {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
      {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
    },
    {
      {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
      {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
      {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}
    }
  };
  private static final int[] MPEG1_RATES = {44_100, 48_000, 32_000};

  /** One MPEG audio frame header. */
  private record Frame(int version, int layer, int bitrate, int rate, boolean mono, int length) {
    // 1 for MPEG-1, 2 for MPEG-2, 25 for MPEG-2.5.
    int samples() {
      return layer == 1 ? 384 : layer == 2 || version == 1 ? 1152 : 576;
    }
  }

  private static Optional<Frame> frame(byte[] b, int at) {
    if (at + 4 > b.length || (b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xE0) != 0xE0) {
      return Optional.empty();
    }
    int versionBits = (b[at + 1] >> 3) & 3;
    int layerBits = (b[at + 1] >> 1) & 3;
    int bitrateIndex = (b[at + 2] >> 4) & 0xF;
    int rateIndex = (b[at + 2] >> 2) & 3;
    if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15) {
      return Optional.empty();
    }
    if (rateIndex == 3) {
      return Optional.empty();
    }
    int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
    int layer = 4 - layerBits;
    int padding = (b[at + 2] >> 1) & 1;
    int bitrate = BITRATES[version == 1 ? 0 : 1][layer - 1][bitrateIndex];
    int rate = MPEG1_RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
    boolean mono = ((b[at + 3] >> 6) & 3) == 3;
    int length =
        layer == 1
            ? (12 * bitrate * 1000 / rate + padding) * 4
            : (layer == 3 && version != 1 ? 72 : 144) * bitrate * 1000 / rate + padding;
    return Optional.of(new Frame(version, layer, bitrate, rate, mono, length));
  }

  /**
   * The audio frames of an MP3: bytes {@code [start, end)} hold a leading LAME/Xing info frame (if
   * any) and {@code frames} audio frames that all share the first one's version, layer, rate and
   * channels, so decoding them gives exactly {@link #pcmBytes()} of 16-bit samples.
   */
  record Mp3Frames(
      int start,
      int end,
      long frames,
      long audioBytes,
      int version,
      int layer,
      int sampleRate,
      int channels,
      int samplesPerFrame) {
    /** The 16-bit PCM these frames decode to. */
    long pcmBytes() {
      return frames * samplesPerFrame * channels * 2L;
    }

    double seconds() {
      return (double) frames * samplesPerFrame / sampleRate;
    }
  }

  /** The MP3 frames of {@code b}, or empty when it is not MPEG audio. */
  static Optional<Mp3Frames> mp3Frames(byte[] b) {
    int start = 0;
    if (ascii(b, 0, "ID3") && b.length >= 10) {
      // ID3v2: a synchsafe size (7 bits a byte), plus a footer when flagged.
      int size = (b[6] & 0x7F) << 21 | (b[7] & 0x7F) << 14 | (b[8] & 0x7F) << 7 | (b[9] & 0x7F);
      start = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
    }
    Optional<Frame> first = frame(b, start);
    // Without an ID3 tag the file must begin with a frame, and the next one must follow it: a
    // random 0xFFE byte pair is not taken for MP3.
    if (first.isEmpty()
        || (start + first.get().length() < b.length
            && frame(b, start + first.get().length()).isEmpty())) {
      return Optional.empty();
    }
    Frame f = first.get();
    long frames = 0;
    long audioBytes = 0;
    int at = start;
    // A LAME/Xing "Info" frame holds metadata, not audio.
    if (xing(b, start, f)) {
      at += f.length();
    }
    while (true) {
      Optional<Frame> next = frame(b, at);
      // A frame that changes rate, channels or layer is not part of the same stream.
      if (next.isEmpty()
          || next.get().length() <= 0
          || at + next.get().length() > b.length
          || !sameStream(f, next.get())) {
        break;
      }
      frames++;
      audioBytes += next.get().length();
      at += next.get().length();
    }
    if (frames == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Mp3Frames(
            start,
            at,
            frames,
            audioBytes,
            f.version(),
            f.layer(),
            f.rate(),
            f.mono() ? 1 : 2,
            f.samples()));
  }

  private static boolean sameStream(Frame a, Frame b) {
    return a.version() == b.version()
        && a.layer() == b.layer()
        && a.rate() == b.rate()
        && a.mono() == b.mono();
  }

  private static Optional<AudioInfo> mp3(byte[] b) {
    return mp3Frames(b)
        .map(
            m ->
                new AudioInfo(
                    "mp3",
                    "mpeg"
                        + (m.version() == 25 ? "2.5" : Integer.toString(m.version()))
                        + "_layer"
                        + m.layer(),
                    m.sampleRate(),
                    m.channels(),
                    null,
                    (int) Math.round(m.audioBytes() * 8 / m.seconds() / 1000),
                    Math.round(m.seconds() * 1000) / 1000.0,
                    b.length));
  }

  private static boolean xing(byte[] b, int at, Frame f) {
    int sideInfo = f.version() == 1 ? (f.mono() ? 17 : 32) : (f.mono() ? 9 : 17);
    int tag = at + 4 + sideInfo;
    return ascii(b, tag, "Xing") || ascii(b, tag, "Info");
  }

  private static boolean ascii(byte[] bytes, int at, String tag) {
    if (at < 0 || at + tag.length() > bytes.length) {
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
