package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.voice.FakeSpeechApi;
import org.maiis.server.voice.Mp3s;
import org.maiis.testing.ExternalTools;

/** /api/voice with the real espeak-ng and pocketsphinx on a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceApiIT {
  /** A tenth of a second of 16 kHz silence, as base64. */
  private static final String SILENCE =
      Base64.getEncoder()
          .encodeToString(new org.maiis.server.voice.Wav(16_000, new short[1600]).bytes());

  private final HttpClient client = HttpClient.newHttpClient();
  @AutoClose private Harness h;
  private String token;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ExternalTools.SYSTEM.require("espeak-ng", "espeak-ng");
    ExternalTools.SYSTEM.require("pocketsphinx_continuous", "pocketsphinx");
    h = Harness.start(dir, Backend.embedded(), "");
    token = h.api.newUser().access();
  }

  @Test
  void synthesizeReturnsA22kWav() {
    String text = "Your balance is one hundred dollars.";
    Res r = h.api.post("/api/voice/synthesize", token, Map.of("text", text));
    assertEquals(200, r.status(), r.body());
    byte[] wav = Base64.getDecoder().decode(r.json().path("audio_base64").asText());
    assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
    assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
    assertEquals(22_050, ByteBuffer.wrap(wav, 24, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    // A spoken sentence is over a second of 16-bit audio at 22.05 kHz.
    assertTrue(wav.length > 44_100, "only " + wav.length + " bytes");
    assertEquals(wav.length, r.json().path("size_bytes").asInt());
    assertEquals(text.length(), r.json().path("text_length").asInt());
    assertEquals("wav", r.json().path("format").asText());
    Res lines = h.api.post("/api/voice/synthesize", token, Map.of("text", "Hello.\nGoodbye."));
    assertEquals(200, lines.status(), "text on two lines is spoken: " + lines.body());
  }

  @Test
  void fasterSpeechIsShorter() {
    int slow = size(h.api.post("/api/voice/synthesize", token, speech("one two three", 0.5)));
    int fast = size(h.api.post("/api/voice/synthesize", token, speech("one two three", 2.0)));
    assertTrue(fast < slow, "fast " + fast + " slow " + slow);
  }

  @Test
  void synthesizeAudioAnswersTheWavBytes() throws Exception {
    HttpResponse<byte[]> r = synthesizeAudio("{\"text\":\"good morning\"}");
    assertEquals(200, r.statusCode());
    assertEquals("audio/wav", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("RIFF", new String(r.body(), 0, 4, StandardCharsets.US_ASCII));
    assertTrue(r.body().length > 10_000);
  }

  @Test
  void spokenHelloWorldIsTranscribedBack() throws Exception {
    Res s = h.api.post("/api/voice/synthesize", token, Map.of("text", "hello world"));
    assertEquals(200, s.status(), s.body());
    String b64 = s.json().path("audio_base64").asText();

    // 22.05 kHz from espeak-ng; the server resamples to pocketsphinx's 16 kHz.
    Res multipart = transcribe(Base64.getDecoder().decode(b64), "en");
    assertEquals(200, multipart.status(), multipart.body());
    assertHeardHelloWorld(multipart.json());
    assertEquals("pocketsphinx", multipart.json().path("provider").asText());

    Res json =
        h.api.post(
            "/api/voice/transcribe-base64",
            token,
            Map.of("audio_base64", b64, "language", "en", "format", "wav"));
    assertEquals(200, json.status(), json.body());
    assertHeardHelloWorld(json.json());

    String metrics = h.api.get("/metrics", null).body();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("speech_provider_requests_total{")
                        && l.contains("provider=\"pocketsphinx\"")
                        && l.contains("status=\"success\"")),
        "no pocketsphinx request counted");
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("speech_provider_duration_seconds_count{")
                        && l.contains("provider=\"espeak\"")),
        "no espeak duration observed");
  }

  @Test
  void aRealRecordingIsMostlyHeard() throws Exception {
    // A LibriVox sentence from pocketsphinx-testdata: "he was not an ill disposed young man".
    byte[] recording = Librivox.readOrSkip();
    Res r = transcribe(recording, "en-us");
    assertEquals(200, r.status(), r.body());
    Librivox.assertMostlyHeard(r.json().path("text").asText());
    assertEquals(3.0, r.json().path("duration_seconds").asDouble(), 0.1);
  }

  @Test
  void anMp3OfTheRealRecordingIsDecodedAndMostlyHeard() throws Exception {
    byte[] recording = Librivox.readOrSkip();
    // 16 kHz mono at 32 kbit/s: lossy, as a phone's recording would be.
    byte[] mp3 = Mp3s.encode(recording, "-b", "32");
    // The part is named a.wav: the content, not the name, says it is MP3.
    Res r = transcribe(mp3, "en-us");
    assertEquals(200, r.status(), r.body());
    assertEquals("mp3", r.json().path("format").asText());
    assertEquals("pocketsphinx", r.json().path("provider").asText());
    Librivox.assertMostlyHeard(r.json().path("text").asText());
    assertEquals(3.0, r.json().path("duration_seconds").asDouble(), 0.15);
  }

  @Test
  void aTaggedStereo44kMp3IsHeardAndTheDeclaredFormatGivesWayToTheContent() throws Exception {
    Res s = h.api.post("/api/voice/synthesize", token, Map.of("text", "hello world"));
    byte[] wav = Base64.getDecoder().decode(s.json().path("audio_base64").asText());
    // An ID3v2 tag before the frames, and a rate and channel count pocketsphinx must not get.
    byte[] mp3 =
        Mp3s.encode(
            wav, "--resample", "44.1", "-m", "j", "-b", "128", "--add-id3v2", "--tt", "Greeting");
    assertEquals("ID3", new String(mp3, 0, 3, StandardCharsets.US_ASCII));
    // Clients of the original send format wav whatever they recorded: the content decides.
    Res json = h.api.post("/api/voice/transcribe-base64", token, Api.audio(mp3, "en", "wav"));
    assertEquals(200, json.status(), json.body());
    assertEquals("mp3", json.json().path("format").asText());
    assertHeardHelloWorld(json.json());

    Res ogg =
        h.api.post(
            "/api/voice/transcribe-base64",
            token,
            Map.of("audio_base64", Base64.getEncoder().encodeToString(mp3), "format", "ogg"));
    assertEquals(415, ogg.status(), ogg.body());
    assertTrue(ogg.body().contains("wav or mp3"), ogg.body());
  }

  private static void assertHeardHelloWorld(JsonNode json) {
    String text = json.path("text").asText().toLowerCase(Locale.ROOT);
    assertFalse(text.isBlank());
    assertTrue(text.contains("hello") || text.contains("world"), "heard: " + text);
  }

  @Test
  void audioOver25MiBIs413() throws Exception {
    byte[] big = new byte[(25 << 20) + 1];
    Res r = transcribe(big, "en");
    assertEquals(413, r.status(), r.body());
    assertEquals("payload_too_large", r.code());
  }

  @Test
  void neitherWavNorMp3Is415NamingWhatIsAccepted() throws Exception {
    Res r = transcribe("this is text, not audio".getBytes(StandardCharsets.UTF_8), "en");
    assertEquals(415, r.status(), r.body());
    assertEquals("unsupported_audio", r.code());
    assertTrue(r.body().contains("send PCM 16-bit WAV or MP3"), r.body());
    Res ogg =
        transcribe("OggS\0\2 and then some vorbis".getBytes(StandardCharsets.ISO_8859_1), "en");
    assertEquals(415, ogg.status(), ogg.body());
    assertTrue(ogg.body().contains("ogg audio is not accepted"), ogg.body());
    // A float WAV is WAV, but not what pocketsphinx is given.
    ByteBuffer f = ByteBuffer.allocate(44 + 8).order(ByteOrder.LITTLE_ENDIAN);
    f.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 8);
    f.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3);
    f.putShort((short) 1).putInt(16_000).putInt(64_000).putShort((short) 4).putShort((short) 32);
    f.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(8);
    Res fl = transcribe(f.array(), "en");
    assertEquals(415, fl.status(), fl.body());
    assertTrue(fl.body().contains("ieee_float"), fl.body());
  }

  @Test
  void aLanguageWithoutModelIs422() throws Exception {
    Res s = h.api.post("/api/voice/synthesize", token, Map.of("text", "bonjour"));
    Res r = transcribe(Base64.getDecoder().decode(s.json().path("audio_base64").asText()), "fr");
    assertEquals(422, r.status(), r.body());
    assertEquals("unsupported_language", r.code());
  }

  @Test
  void everyRouteNeedsAToken() {
    assertEquals(401, h.api.post("/api/voice/synthesize", null, Map.of("text", "hi")).status());
    assertEquals(401, h.api.get("/api/voice/health", null).status());
    assertEquals(
        401,
        h.api
            .post("/api/voice/transcribe-base64", null, Map.of("audio_base64", "UklGRg=="))
            .status());
  }

  @Test
  void badRequestsAreRefused() {
    Res speed = h.api.post("/api/voice/synthesize", token, speech("hi", 2.5));
    assertEquals(422, speed.status(), speed.body());
    assertEquals("invalid_speed", speed.code());
    Res slow = h.api.post("/api/voice/synthesize", token, speech("hi", 0.25));
    assertEquals(422, slow.status());
    Res empty = h.api.post("/api/voice/synthesize", token, Map.of("text", "  "));
    assertEquals(400, empty.status());
    Res voice =
        h.api.post("/api/voice/synthesize", token, Map.of("text", "hi", "voice", "-w /etc/x"));
    assertEquals(400, voice.status());
    Res unknown =
        h.api.post("/api/voice/synthesize", token, Map.of("text", "hi", "voice", "xx-nowhere"));
    assertEquals(422, unknown.status(), unknown.body());
    assertEquals("unsupported_voice", unknown.code());
    Res ogg = h.api.post("/api/voice/synthesize", token, Map.of("text", "hi", "format", "ogg"));
    assertEquals(422, ogg.status());
    assertEquals("unsupported_format", ogg.code());
  }

  @Test
  void mp3IsARealMp3OfTheSameSpeech() throws Exception {
    ExternalTools.SYSTEM.require("lame", "lame");
    String text = "Your card has been blocked.";
    Res wav = h.api.post("/api/voice/synthesize", token, Map.of("text", text));
    Res mp3 = h.api.post("/api/voice/synthesize", token, Map.of("text", text, "format", "mp3"));
    assertEquals(200, mp3.status(), mp3.body());
    assertEquals("mp3", mp3.json().path("format").asText());
    byte[] bytes = Base64.getDecoder().decode(mp3.json().path("audio_base64").asText());
    assertEquals(bytes.length, mp3.json().path("size_bytes").asInt());
    // lame writes no ID3 tag by default: the file starts with an MPEG-2 layer III frame sync.
    assertEquals(0xFF, bytes[0] & 0xFF);
    assertEquals(0xE0, bytes[1] & 0xE0);
    assertEquals(1, (bytes[1] >> 1) & 3, "layer III");
    assertTrue(bytes.length < wav.json().path("size_bytes").asInt() / 3, "mp3 is compressed");

    Res info =
        Multipart.post(
            h.api.base() + "/api/voice/audio-info", token, Map.of(), "audio", "a.mp3", bytes);
    assertEquals(200, info.status(), info.body());
    assertEquals("mp3", info.json().path("format").asText());
    assertEquals("mpeg2_layer3", info.json().path("codec").asText());
    assertEquals(22_050, info.json().path("sample_rate").asInt());
    assertEquals(1, info.json().path("channels").asInt());
    assertEquals(64, info.json().path("bitrate_kbps").asInt());
    double wavSeconds = (wav.json().path("size_bytes").asInt() - 44) / 2.0 / 22_050;
    // MP3 frames hold 576 samples: the encoder pads the end by less than two frames.
    assertEquals(wavSeconds, info.json().path("duration_seconds").asDouble(), 0.1);

    HttpResponse<byte[]> audio = synthesizeAudio("{\"text\":\"hello\",\"format\":\"mp3\"}");
    assertEquals(200, audio.statusCode());
    assertEquals("audio/mpeg", audio.headers().firstValue("Content-Type").orElse(""));
    assertEquals(0xFF, audio.body()[0] & 0xFF);
  }

  @Test
  void mp3WithoutLameIs503NamingThePackage(@TempDir Path dir) throws Exception {
    Path espeak = ExternalTools.SYSTEM.require("espeak-ng", "espeak-ng");
    Path sphinx = ExternalTools.SYSTEM.require("pocketsphinx_continuous", "pocketsphinx");
    // A PATH with espeak-ng and pocketsphinx and nothing else: speech works, MP3 cannot.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("espeak-ng"), espeak);
    Files.createSymbolicLink(bin.resolve("pocketsphinx_continuous"), sphinx);
    // Made here with the real lame, which the server below cannot see.
    byte[] question =
        Mp3s.encode(new org.maiis.server.voice.Wav(16_000, new short[16_000]).bytes());
    Backend noLame =
        new Backend("h2", "", k -> k.equals("PATH") ? bin.toString() : System.getenv(k), () -> {});
    try (Harness bare = Harness.start(dir, noLame, "")) {
      String t = bare.api.newUser().access();
      Res mp3 = bare.api.post("/api/voice/synthesize", t, Map.of("text", "hi", "format", "mp3"));
      assertEquals(503, mp3.status(), mp3.body());
      assertEquals("mp3_unavailable", mp3.code());
      assertTrue(mp3.body().contains("Debian package lame"), mp3.body());
      assertEquals(200, bare.api.post("/api/voice/synthesize", t, Map.of("text", "hi")).status());
      Res health = bare.api.get("/api/voice/health", t);
      assertFalse(health.json().path("mp3").path("available").asBoolean());

      Res heard =
          bare.api.post(
              "/api/voice/transcribe-base64",
              t,
              Map.of("audio_base64", Base64.getEncoder().encodeToString(question)));
      assertEquals(503, heard.status(), heard.body());
      assertEquals("mp3_unavailable", heard.code());
      assertTrue(heard.body().contains("Debian package lame"), heard.body());
      Res chat =
          Multipart.post(
              bare.api.base() + "/api/voice/chat", t, Map.of(), "audio", "q.mp3", question);
      assertEquals(503, chat.status(), chat.body());
      assertEquals("mp3_unavailable", chat.code());
    }
  }

  @Test
  void audioInfoReadsWavHeadersFromMultipartOrBase64() throws Exception {
    Res s = h.api.post("/api/voice/synthesize", token, Map.of("text", "one moment please"));
    byte[] wav = Base64.getDecoder().decode(s.json().path("audio_base64").asText());
    Res r =
        Multipart.post(
            h.api.base() + "/api/voice/audio-info", token, Map.of(), "audio", "a.wav", wav);
    assertEquals(200, r.status(), r.body());
    JsonNode info = r.json();
    assertEquals("wav", info.path("format").asText());
    assertEquals("pcm_s16le", info.path("codec").asText());
    assertEquals(22_050, info.path("sample_rate").asInt());
    assertEquals(1, info.path("channels").asInt());
    assertEquals(16, info.path("bits_per_sample").asInt());
    assertEquals(353, info.path("bitrate_kbps").asInt());
    assertEquals(wav.length, info.path("size_bytes").asInt());
    assertEquals((wav.length - 44) / 2.0 / 22_050, info.path("duration_seconds").asDouble(), 0.001);

    if (Files.isReadable(Librivox.RECORDING)) {
      Res b64 =
          h.api.post(
              "/api/voice/audio-info",
              token,
              Map.of(
                  "audio_base64",
                  Base64.getEncoder().encodeToString(Files.readAllBytes(Librivox.RECORDING))));
      assertEquals(200, b64.status(), b64.body());
      assertEquals(16_000, b64.json().path("sample_rate").asInt());
      assertEquals(3.0, b64.json().path("duration_seconds").asDouble(), 0.1);
    }
  }

  @Test
  void audioInfoRefusesWhatItCannotRead() throws Exception {
    Res text =
        Multipart.post(
            h.api.base() + "/api/voice/audio-info",
            token,
            Map.of(),
            "audio",
            "a.txt",
            "just some text".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, text.status(), text.body());
    assertEquals("unsupported_audio", text.code());
    byte[] ogg = "OggS\0\2 and then some vorbis".getBytes(StandardCharsets.ISO_8859_1);
    Res o =
        h.api.post(
            "/api/voice/audio-info",
            token,
            Map.of("audio_base64", Base64.getEncoder().encodeToString(ogg)));
    assertEquals(415, o.status(), o.body());
    assertTrue(o.body().contains("ogg audio is not read here"), o.body());
    assertEquals(400, h.api.post("/api/voice/audio-info", token, Map.of()).status());
    assertEquals(
        401, h.api.post("/api/voice/audio-info", null, Map.of("audio_base64", "AAAA")).status());
  }

  @Test
  void healthReportsEachProvider() {
    Res r = h.api.get("/api/voice/health", token);
    assertEquals(200, r.status(), r.body());
    assertEquals("ok", r.json().path("status").asText());
    JsonNode tts = r.json().path("tts");
    // The default chains: the remote provider first, skipped here for want of a key.
    assertEquals("elevenlabs", tts.path(0).path("provider").asText());
    assertFalse(tts.path(0).path("available").asBoolean());
    assertTrue(tts.path(0).path("reason").asText().contains("no API key"));
    assertEquals("espeak", tts.path(1).path("provider").asText());
    assertTrue(tts.path(1).path("available").asBoolean());
    assertEquals("pocketsphinx", r.json().path("stt").path(1).path("provider").asText());
    assertTrue(r.json().path("stt").path(1).path("available").asBoolean());
    assertEquals("local", r.json().path("stt").path(1).path("kind").asText());
    assertEquals("remote", tts.path(0).path("kind").asText());
    assertFalse(tts.path(0).path("configured").asBoolean());
    assertTrue(tts.path(0).path("reachable").isNull());
  }

  @Test
  void chainsWithoutAServableProviderAre503(@TempDir Path dir) throws Exception {
    try (Harness remoteOnly =
        Harness.start(
            dir, Backend.embedded(), "  speech:\n    stt: [whisper]\n    tts: [elevenlabs]\n")) {
      String t = remoteOnly.api.newUser().access();
      Res tts = remoteOnly.api.post("/api/voice/synthesize", t, Map.of("text", "hello"));
      assertEquals(503, tts.status(), tts.body());
      assertEquals("speech_unavailable", tts.code());
      assertTrue(tts.json().path("error").path("message").asText().contains("elevenlabs"));
      Res stt =
          remoteOnly.api.post(
              "/api/voice/transcribe-base64", t, Map.of("audio_base64", SILENCE, "language", "en"));
      assertEquals(503, stt.status(), stt.body());
      assertEquals("speech_unavailable", stt.code());
      Res health = remoteOnly.api.get("/api/voice/health", t);
      assertEquals("unavailable", health.json().path("status").asText());
    }
  }

  @Test
  void remoteProvidersServeThroughTheServerWithKeysFromSecretFiles(@TempDir Path dir)
      throws Exception {
    Path openaiKey = dir.resolve("openai.key");
    Path elevenKey = dir.resolve("eleven.key");
    Files.writeString(openaiKey, "sk-file-key-1\n");
    Files.writeString(elevenKey, "xi-file-key-2\n");
    try (FakeSpeechApi api = new FakeSpeechApi();
        Harness remote =
            Harness.start(
                dir,
                Backend.embedded(),
                "  speech:\n"
                    + "    openai_api_key: ${file:"
                    + openaiKey
                    + "}\n    elevenlabs_api_key: ${file:"
                    + elevenKey
                    + "}\n    openai_url: "
                    + api.base()
                    + "\n    elevenlabs_url: "
                    + api.base()
                    + "\n")) {
      String t = remote.api.newUser().access();
      api.then(FakeSpeechApi.Reply.json("{\"text\":\"transfer fifty dollars\"}"));
      Res stt =
          remote.api.post(
              "/api/voice/transcribe-base64", t, Map.of("audio_base64", SILENCE, "language", "en"));
      assertEquals(200, stt.status(), stt.body());
      assertEquals("whisper", stt.json().path("provider").asText());
      assertEquals("transfer fifty dollars", stt.json().path("text").asText());
      assertEquals("Bearer sk-file-key-1", api.requests().get(0).header("Authorization"));

      api.then(new FakeSpeechApi.Reply(200, "audio/pcm", new byte[22_050 * 2], 0));
      Res tts = remote.api.post("/api/voice/synthesize", t, Map.of("text", "done"));
      assertEquals(200, tts.status(), tts.body());
      assertEquals("elevenlabs", tts.json().path("provider").asText());
      assertEquals(44 + 22_050 * 2, tts.json().path("size_bytes").asInt());
      assertEquals("xi-file-key-2", api.requests().get(1).header("xi-api-key"));
      assertEquals(
          "/v1/text-to-speech/21m00Tcm4TlvDq8rEWvq?output_format=pcm_22050",
          api.requests().get(1).pathAndQuery());

      api.then(FakeSpeechApi.Reply.json("{}")).then(FakeSpeechApi.Reply.json("{}"));
      Res health = remote.api.get("/api/voice/health", t);
      assertEquals("ok", health.json().path("status").asText(), health.body());
      assertTrue(health.json().path("tts").path(0).path("reachable").asBoolean(), health.body());
      assertTrue(health.json().path("stt").path(0).path("reachable").asBoolean(), health.body());

      String metrics = remote.api.get("/metrics", null).body();
      assertTrue(
          metrics.contains(
              "external_api_requests_total{endpoint=\"audio_transcriptions\",provider=\"whisper\",status=\"success\"}"),
          "whisper call counted");
      assertFalse(metrics.contains("sk-file-key-1"));
    }
  }

  private static Map<String, Object> speech(String text, double speed) {
    return Map.of("text", text, "speed", speed);
  }

  private static int size(Res r) {
    assertEquals(200, r.status(), r.body());
    return r.json().path("size_bytes").asInt();
  }

  /** POSTs {@code json} to synthesize-audio, which answers the audio bytes themselves. */
  private HttpResponse<byte[]> synthesizeAudio(String json)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(h.api.base() + "/api/voice/synthesize-audio"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private Res transcribe(byte[] audio, String language) throws IOException, InterruptedException {
    return Multipart.post(
        h.api.base() + "/api/voice/transcribe",
        token,
        Map.of("language", language),
        new Multipart.Part("audio", "a.wav", "audio/wav", audio));
  }
}
