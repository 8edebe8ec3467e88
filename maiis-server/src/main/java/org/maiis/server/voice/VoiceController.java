package org.maiis.server.voice;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Base64Field;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.http.Fields;
import org.maiis.server.http.Json;
import org.maiis.server.http.MultipartUpload;

/**
 * The /api/voice routes: text to speech, speech to text, audio headers and a spoken chat turn over
 * {@link Voice} and {@link VoiceChat}. Every route needs a Bearer access token.
 *
 * @param voice speaks and transcribes
 * @param chat answers a spoken turn
 * @param authenticator who calls
 * @param bodies reads the request bodies
 */
public record VoiceController(
    Voice voice, VoiceChat chat, Authenticator authenticator, Bodies bodies) {
  /** Largest audio file accepted: 25 MiB, as the original API. */
  public static final long MAX_AUDIO_BYTES = 25L << 20;

  /** Longest text synthesize speaks. */
  public static final int MAX_TEXT = 5_000;

  // Room for the multipart boundaries and part headers around the audio itself.
  private static final long MULTIPART_OVERHEAD = 64 * 1024;

  /** Body of synthesize and synthesize-audio. */
  public record SynthesizeRequest(
      String text, String language, String voice, Double speed, String format) {}

  /**
   * Body of transcribe-base64. {@code format} (wav or mp3) is optional and informative: the audio's
   * content decides how it is read.
   */
  public record TranscribeBase64Request(String audioBase64, String language, String format) {}

  /** Body of audio-info as JSON. */
  public record AudioInfoRequest(String audioBase64) {}

  /** Body of chat as JSON ({@code format} is the spoken answer's: wav or mp3). */
  public record ChatRequest(
      String audioBase64, String language, String voice, Double speed, String format) {}

  /** Routes over {@code voice} and {@code chat}. */
  public VoiceController(Voice voice, VoiceChat chat, Authenticator authenticator) {
    // audio_base64 is one long string; the request body limit still bounds it.
    this(voice, chat, authenticator, new Bodies(Json.base64Mapper()));
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
    routes.post("/api/voice/audio-info", ErrorResponses.handled(this::audioInfo));
    routes.post("/api/voice/chat", ErrorResponses.handled(this::chat));
    routes.get("/api/voice/health", ErrorResponses.handled(this::health));
  }

  private void synthesize(Context ctx) {
    authenticator.require(ctx);
    SynthesizeRequest req = bodies.read(ctx, SynthesizeRequest.class);
    String text = Fields.requiredText("text", req.text(), MAX_TEXT);
    Voice.Spoken s = voice.speak(text, options(req));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("audio_base64", Base64.getEncoder().encodeToString(s.bytes()));
    out.put("format", s.format());
    out.put("size_bytes", s.bytes().length);
    out.put("text_length", text.length());
    out.put("provider", s.provider());
    ctx.json(out);
  }

  private void synthesizeAudio(Context ctx) {
    authenticator.require(ctx);
    SynthesizeRequest req = bodies.read(ctx, SynthesizeRequest.class);
    String text = Fields.requiredText("text", req.text(), MAX_TEXT);
    Voice.Spoken s = voice.speak(text, options(req));
    ctx.contentType(SpeechOptions.contentType(s.format())).result(s.bytes());
  }

  private static SpeechOptions options(SynthesizeRequest req) {
    return SpeechOptions.of(req.language(), req.voice(), req.speed(), req.format());
  }

  private void transcribe(Context ctx) {
    authenticator.require(ctx);
    byte[] bytes = upload(ctx);
    ctx.json(recognise(bytes, MultipartUpload.field(ctx, "language")));
  }

  private void transcribeBase64(Context ctx) {
    authenticator.require(ctx);
    TranscribeBase64Request req = bodies.read(ctx, TranscribeBase64Request.class);
    byte[] bytes = base64(req.audioBase64());
    // The content decides; a declared format only has to name one that is accepted (clients of
    // the original always sent "wav", whatever they recorded).
    if (req.format() != null
        && !req.format().isBlank()
        && !List.of("wav", "mp3").contains(req.format().strip().toLowerCase(Locale.ROOT))) {
      throw Failure.of(
          Failure.Kind.UNSUPPORTED_TYPE,
          "unsupported_audio",
          "format must be wav or mp3 (PCM 16-bit WAV or MP3 audio)");
    }
    ctx.json(recognise(bytes, req.language()));
  }

  private Map<String, Object> recognise(byte[] bytes, String languageField) {
    String language = SpeechOptions.language(languageField);
    Recording audio = voice.recording(bytes);
    Voice.Transcription t = voice.transcribe(audio, language);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("text", t.text());
    out.put("language", language);
    out.put("provider", t.provider());
    out.put("format", audio.format());
    out.put("duration_seconds", t.audioLength().toMillis() / 1000.0);
    return out;
  }

  private void audioInfo(Context ctx) {
    authenticator.require(ctx);
    byte[] bytes =
        ctx.isMultipartFormData()
            ? upload(ctx)
            : base64(bodies.read(ctx, AudioInfoRequest.class).audioBase64());
    AudioInfo info =
        AudioInfo.of(bytes)
            .orElseThrow(
                () ->
                    Failure.of(
                        Failure.Kind.UNSUPPORTED_TYPE,
                        "unsupported_audio",
                        AudioInfo.otherKnownFormat(bytes)
                            .map(f -> f + " audio is not read here; send WAV or MP3")
                            .orElse("the audio is neither WAV nor MP3")));
    ctx.json(info);
  }

  private void chat(Context ctx) {
    String user = authenticator.userId(ctx);
    byte[] bytes;
    SpeechOptions options;
    if (ctx.isMultipartFormData()) {
      bytes = upload(ctx);
      options =
          SpeechOptions.of(
              MultipartUpload.field(ctx, "language"),
              MultipartUpload.field(ctx, "voice"),
              speed(MultipartUpload.field(ctx, "speed")),
              MultipartUpload.field(ctx, "format"));
    } else {
      ChatRequest req = bodies.read(ctx, ChatRequest.class);
      bytes = base64(req.audioBase64());
      options = SpeechOptions.of(req.language(), req.voice(), req.speed(), req.format());
    }
    VoiceChat.Turn turn = chat.turn(user, bytes, options, VoiceChat.Progress.NONE);
    ctx.json(turnJson(turn, options.language()));
  }

  /** The JSON of a finished turn, as the HTTP route answers it. */
  static Map<String, Object> turnJson(VoiceChat.Turn turn, String language) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("transcript", turn.transcript());
    out.put("language", language);
    out.put("response", turn.answer().response());
    out.put("mode", turn.answer().mode());
    out.put("sources", turn.answer().sources());
    out.put("audio_base64", Base64.getEncoder().encodeToString(turn.audio()));
    out.put("format", turn.format());
    out.put("stt_provider", turn.sttProvider());
    out.put("tts_provider", turn.ttsProvider());
    return out;
  }

  private static Double speed(String field) {
    if (field == null || field.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(field.strip());
    } catch (NumberFormatException e) {
      throw Failure.invalid("invalid_field", "speed must be a number");
    }
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
    Map<String, Object> mp3 = new LinkedHashMap<>();
    mp3.put("available", voice.mp3Available());
    mp3.put("reason", voice.mp3Available() ? null : Mp3Encoder.MISSING);
    out.put("mp3", mp3);
    ctx.json(out);
  }

  /** The {@code audio} file of a multipart request, refused beyond {@link #MAX_AUDIO_BYTES}. */
  private static byte[] upload(Context ctx) {
    return MultipartUpload.read(ctx, "audio", "audio", MAX_AUDIO_BYTES, maxRequestBytes()).bytes();
  }

  /** Decoded base64 audio (the JSON body limit bounds it). */
  static byte[] base64(String audioBase64) {
    if (audioBase64 == null || audioBase64.isBlank()) {
      throw Failure.invalid("invalid_field", "audio_base64 is required");
    }
    byte[] bytes = Base64Field.decode("audio_base64", audioBase64);
    if (bytes.length == 0) {
      throw Failure.invalid("invalid_field", "the audio is empty");
    }
    return bytes;
  }
}
