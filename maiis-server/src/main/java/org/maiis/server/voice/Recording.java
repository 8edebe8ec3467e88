package org.maiis.server.voice;

import java.time.Duration;
import java.util.Optional;
import org.maiis.server.failure.Failure;

/**
 * Audio a client sent to be heard: a PCM 16-bit WAV or an MP3, told apart by its content (never by
 * a file name or a declared format). An MP3 is kept as sent, since Whisper takes it as it is, and
 * decoded to samples only when a provider asks for them. One request's object: not thread-safe.
 */
public final class Recording {
  /**
   * Most 16-bit PCM an MP3 may decode to: 100 MiB, about 10 minutes of 44.1 kHz stereo or 27 of 32
   * kHz mono. It bounds the memory and disk one request's decoding takes.
   */
  public static final long MAX_DECODED_BYTES = 100L << 20;

  /** What a client is told it may send. */
  static final String ACCEPTED = "send PCM 16-bit WAV or MP3";

  private final String format;
  private final byte[] mp3;
  private final AudioInfo.Mp3Frames frames;
  private final Mp3Decoder decoder;
  private Wav pcm;

  private Recording(
      String format, byte[] mp3, AudioInfo.Mp3Frames frames, Mp3Decoder decoder, Wav pcm) {
    this.format = format;
    this.mp3 = mp3;
    this.frames = frames;
    this.decoder = decoder;
    this.pcm = pcm;
  }

  /** Samples already decoded (as WAV). */
  public static Recording of(Wav pcm) {
    return new Recording("wav", null, null, null, pcm);
  }

  /**
   * The WAV or MP3 in {@code bytes}; an MP3's samples come from {@code decoder} when needed.
   *
   * @throws Failure 415 unsupported_audio for anything else (naming what was recognised), 413
   *     payload_too_large for an MP3 decoding to more than {@link #MAX_DECODED_BYTES}, 400 for a
   *     WAV without samples
   */
  public static Recording detect(byte[] bytes, Mp3Decoder decoder) {
    Optional<AudioInfo> info = AudioInfo.of(bytes);
    if (info.isPresent() && info.get().format().equals("wav")) {
      Wav wav =
          Wav.parse(bytes)
              .orElseThrow(
                  () ->
                      Failure.of(
                          Failure.Kind.UNSUPPORTED_TYPE,
                          "unsupported_audio",
                          "this WAV holds " + info.get().codec() + " audio; " + ACCEPTED));
      if (wav.samples().length == 0) {
        throw Failure.invalid("invalid_field", "the audio has no samples");
      }
      // Resampled to 16 kHz for pocketsphinx, a few KB declaring a rate of 1 Hz would become
      // gigabytes: the same bound as a decoded MP3.
      long at16k = (long) wav.samples().length * 2 * Wav.SPEECH_RATE / wav.sampleRate();
      if (at16k > MAX_DECODED_BYTES) {
        throw Failure.of(
            Failure.Kind.TOO_LARGE,
            "payload_too_large",
            "the WAV plays for "
                + wav.duration().toMinutes()
                + " minutes ("
                + wav.samples().length
                + " samples at "
                + wav.sampleRate()
                + " Hz), more than the "
                + (MAX_DECODED_BYTES >> 20)
                + " MiB of 16 kHz audio allowed; send a shorter recording");
      }
      return of(wav);
    }
    Optional<AudioInfo.Mp3Frames> frames = AudioInfo.mp3Frames(bytes);
    if (frames.isEmpty()) {
      throw Failure.of(
          Failure.Kind.UNSUPPORTED_TYPE,
          "unsupported_audio",
          AudioInfo.otherKnownFormat(bytes)
              .map(f -> f + " audio is not accepted; " + ACCEPTED)
              .orElse("the audio is neither WAV nor MP3; " + ACCEPTED));
    }
    AudioInfo.Mp3Frames m = frames.get();
    if (m.layer() != 3) {
      throw Failure.of(
          Failure.Kind.UNSUPPORTED_TYPE,
          "unsupported_audio",
          "this is MPEG layer " + m.layer() + " audio, not MP3 (layer 3); " + ACCEPTED);
    }
    if (m.pcmBytes() > MAX_DECODED_BYTES) {
      throw Failure.of(
          Failure.Kind.TOO_LARGE,
          "payload_too_large",
          "the MP3 decodes to "
              + (m.pcmBytes() >> 20)
              + " MiB of 16-bit audio, more than the "
              + (MAX_DECODED_BYTES >> 20)
              + " MiB allowed; send a shorter recording");
    }
    return new Recording("mp3", bytes, m, decoder, null);
  }

  /** {@code wav} or {@code mp3}. */
  public String format() {
    return format;
  }

  /** Whether this is an MP3 (which pocketsphinx can only hear once lame decodes it). */
  public boolean isMp3() {
    return format.equals("mp3");
  }

  /** How long it plays: from the samples of a WAV, the frames of an MP3. */
  public Duration duration() {
    return isMp3() ? Duration.ofNanos((long) (frames.seconds() * 1e9)) : pcm.duration();
  }

  /** The file for a provider taking files: an MP3 as sent, a WAV as mono 16-bit PCM. */
  public byte[] file() {
    return isMp3() ? mp3 : pcm.bytes();
  }

  /** The file's Content-Type. */
  public String contentType() {
    return SpeechOptions.contentType(format);
  }

  /** The samples: a WAV's, or an MP3's decoded by lame on the first call. */
  public Wav pcm() throws SpeechFailure {
    if (pcm == null) {
      pcm = decoder.decode(mp3, frames);
    }
    return pcm;
  }
}
