package org.maiis.server.voice;

import java.util.Locale;
import java.util.regex.Pattern;
import org.maiis.server.failure.Failure;

/**
 * How to speak: validated language, voice, speed and output format, shared by the HTTP routes and
 * the WebSocket.
 *
 * @param language language tag, lower-case (en, en-us)
 * @param voice espeak-ng voice name (derived from the language when not given)
 * @param speed 0.5 to 2
 * @param format {@code wav} or {@code mp3}
 */
public record SpeechOptions(String language, String voice, double speed, String format) {
  // Language tags and espeak-ng voice names: letters, digits, - and +, never an option or a path.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+_-]{0,39}");

  /**
   * Validates the request's fields (each may be null for its default).
   *
   * @throws Failure 400 for a malformed name, 422 for an out-of-range speed or unknown format
   */
  public static SpeechOptions of(String language, String voice, Double speed, String format) {
    String lang = language(language);
    double s = speed == null ? 1.0 : speed;
    if (!(s >= 0.5 && s <= 2.0)) {
      throw Failure.ruleBroken("invalid_speed", "speed must be between 0.5 and 2");
    }
    String v = voice == null || voice.isBlank() ? espeakVoice(lang) : name("voice", voice);
    return new SpeechOptions(lang, v, s, format(format));
  }

  /** A validated, lower-case language tag; en when absent. */
  public static String language(String language) {
    return language == null || language.isBlank()
        ? "en"
        : name("language", language).toLowerCase(Locale.ROOT);
  }

  /** wav or mp3 (wav when absent). */
  public static String format(String format) {
    String f = format == null || format.isBlank() ? "wav" : format.strip().toLowerCase(Locale.ROOT);
    if (!f.equals("wav") && !f.equals("mp3")) {
      throw Failure.ruleBroken("unsupported_format", "format must be wav or mp3");
    }
    return f;
  }

  /** The Content-Type of audio in {@code format}. */
  public static String contentType(String format) {
    return format.equals("mp3") ? "audio/mpeg" : "audio/wav";
  }

  // espeak-ng's "en" is British; the US voice matches the default language and reads clearer.
  private static String espeakVoice(String language) {
    return language.equals("en") ? "en-us" : language;
  }

  private static String name(String field, String value) {
    String v = value.strip();
    if (!NAME.matcher(v).matches()) {
      throw Failure.invalid("invalid_field", field + " must be a language or voice name");
    }
    return v;
  }
}
