package org.maiis.server.voice;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.maiis.server.MaiisServer;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.http.ApiException;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.http.Fields;
import org.maiis.server.http.Json;

/** The /api/voice routes: text to speech and speech to text over {@link Voice}. */
public final class VoiceController {
  /** Largest audio file accepted by transcribe: 25 MiB, as the original API. */
  public static final long MAX_AUDIO_BYTES = 25L << 20;

  /** Longest text synthesize speaks. */
  public static final int MAX_TEXT = 5_000;

  // Room for the multipart boundaries and part headers around the audio itself.
  private static final long MULTIPART_OVERHEAD = 64 * 1024;
  // Language tags and espeak-ng voice names: letters, digits, - and +, never an option or a path.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+_-]{0,39}");

  /** Body of synthesize and synthesize-audio. */
  public record SynthesizeRequest(
      String text, String language, String voice, Double speed, String format) {}

  /** Body of transcribe-base64. */
  public record TranscribeBase64Request(String audioBase64, String language, String format) {}

  private final Voice voice;
  private final Authenticator authenticator;
  private final Bodies bodies;

  /** Routes over {@code voice}; every route needs a Bearer access token. */
  public VoiceController(Voice voice, Authenticator authenticator) {
    this.voice = voice;
    this.authenticator = authenticator;
    ObjectMapper mapper = Json.mapper();
    // Base64 audio is one long string; the request body limit still bounds it.
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength((int) MaiisServer.MAX_BODY_BYTES)
                .maxNumberLength(40)
                .build());
    this.bodies = new Bodies(mapper);
  }

  /** The largest multipart request the server must accept for audio at the limit. */
  public static long maxRequestBytes() {
    return MAX_AUDIO_BYTES + MULTIPART_OVERHEAD;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/api/voice/synthesize", ErrorResponses.handled(this::synthesize));
    routes.post("/api/voice/synthesize-audio", ErrorResponses.handled(this::synthesizeAudio));
    routes.post("/api/voice/transcribe", ErrorResponses.handled(this::transcribe));
    routes.post("/api/voice/transcribe-base64", ErrorResponses.handled(this::transcribeBase64));
    routes.get("/api/voice/health", ErrorResponses.handled(this::health));
  }

  private void synthesize(Context ctx) {
    authenticator.require(ctx);
    SynthesizeRequest req = bodies.read(ctx, SynthesizeRequest.class);
    String text = Fields.required("text", req.text(), MAX_TEXT);
    byte[] wav = speak(req, text);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("audio_base64", Base64.getEncoder().encodeToString(wav));
    out.put("format", "wav");
    out.put("size_bytes", wav.length);
    out.put("text_length", text.length());
    ctx.json(out);
  }

  private void synthesizeAudio(Context ctx) {
    authenticator.require(ctx);
    SynthesizeRequest req = bodies.read(ctx, SynthesizeRequest.class);
    byte[] wav = speak(req, Fields.required("text", req.text(), MAX_TEXT));
    ctx.contentType("audio/wav").result(wav);
  }

  private byte[] speak(SynthesizeRequest req, String text) {
    String format = format(req.format());
    if (!format.equals("wav")) {
      throw ApiException.unprocessable("unsupported_format", "format must be wav");
    }
    double speed = req.speed() == null ? 1.0 : req.speed();
    if (!(speed >= 0.5 && speed <= 2.0)) {
      throw ApiException.unprocessable("invalid_speed", "speed must be between 0.5 and 2");
    }
    String language = name("language", req.language(), "en");
    String voiceName =
        req.voice() == null || req.voice().isBlank()
            ? espeakVoice(language)
            : name("voice", req.voice(), null);
    Voice.Synthesis s = voice.synthesize(text, voiceName, speed);
    return s.audio().bytes();
  }

  // espeak-ng's "en" is British; the US voice matches the default language and reads clearer.
  private static String espeakVoice(String language) {
    return language.equalsIgnoreCase("en") ? "en-us" : language;
  }

  private void transcribe(Context ctx) {
    authenticator.require(ctx);
    if (!ctx.isMultipartFormData()) {
      throw new ApiException(
          415, "unsupported_media_type", "the audio must be sent as multipart/form-data");
    }
    // Refused before a byte of the body is read when the client declares its size.
    if (ctx.contentLength() > maxRequestBytes()) {
      throw tooLarge();
    }
    UploadedFile file;
    String language;
    try {
      file = ctx.uploadedFile("audio");
      language = ctx.formParam("language");
    } catch (RuntimeException e) {
      // Jetty refuses a multipart body beyond the configured size while parsing it.
      if (ctx.contentLength() < 0 || ctx.contentLength() > MAX_AUDIO_BYTES) {
        throw tooLarge();
      }
      throw ApiException.badRequest("invalid_field", "the multipart body is malformed");
    }
    if (file == null) {
      throw ApiException.badRequest("invalid_field", "audio is required (multipart field)");
    }
    if (file.size() > MAX_AUDIO_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream in = file.content()) {
      bytes = in.readNBytes((int) MAX_AUDIO_BYTES + 1);
    } catch (IOException e) {
      throw ApiException.badRequest("invalid_field", "the audio could not be read");
    }
    if (bytes.length > MAX_AUDIO_BYTES) {
      throw tooLarge();
    }
    ctx.json(recognise(bytes, language));
  }

  private void transcribeBase64(Context ctx) {
    authenticator.require(ctx);
    TranscribeBase64Request req = bodies.read(ctx, TranscribeBase64Request.class);
    if (req.audioBase64() == null || req.audioBase64().isBlank()) {
      throw ApiException.badRequest("invalid_field", "audio_base64 is required");
    }
    if (!format(req.format()).equals("wav")) {
      throw new ApiException(415, "unsupported_audio", "format must be wav (PCM 16-bit)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(req.audioBase64());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_field", "audio_base64 is not valid base64");
    }
    ctx.json(recognise(bytes, req.language()));
  }

  private Map<String, Object> recognise(byte[] bytes, String languageField) {
    if (bytes.length == 0) {
      throw ApiException.badRequest("invalid_field", "the audio is empty");
    }
    String language = name("language", languageField, "en").toLowerCase(Locale.ROOT);
    Wav wav =
        Wav.parse(bytes)
            .orElseThrow(
                () ->
                    new ApiException(
                        415, "unsupported_audio", "the audio must be a PCM 16-bit WAV file"));
    if (wav.samples().length == 0) {
      throw ApiException.badRequest("invalid_field", "the audio has no samples");
    }
    Voice.Transcription t = voice.transcribe(wav, language);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("text", t.text());
    out.put("language", language);
    out.put("provider", t.provider());
    out.put("duration_seconds", t.audioLength().toMillis() / 1000.0);
    return out;
  }

  private void health(Context ctx) {
    authenticator.require(ctx);
    List<ProviderStatus> tts = voice.ttsHealth();
    List<ProviderStatus> stt = voice.sttHealth();
    boolean ttsUp = tts.stream().anyMatch(ProviderStatus::available);
    boolean sttUp = stt.stream().anyMatch(ProviderStatus::available);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", ttsUp && sttUp ? "ok" : ttsUp || sttUp ? "degraded" : "unavailable");
    out.put("tts", tts);
    out.put("stt", stt);
    ctx.json(out);
  }

  private static String format(String format) {
    return format == null || format.isBlank() ? "wav" : format.strip().toLowerCase(Locale.ROOT);
  }

  private static String name(String field, String value, String def) {
    if (value == null || value.isBlank()) {
      if (def == null) {
        throw ApiException.badRequest("invalid_field", field + " is required");
      }
      return def;
    }
    String v = value.strip();
    if (!NAME.matcher(v).matches()) {
      throw ApiException.badRequest("invalid_field", field + " must be a language or voice name");
    }
    return v;
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413, "payload_too_large", "the audio is larger than " + MAX_AUDIO_BYTES + " bytes");
  }
}
