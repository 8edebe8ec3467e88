package org.maiis.server.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maiis.config.ConfigLoader;
import org.maiis.config.ServerConfig;
import org.maiis.server.failure.Failure;
import org.maiis.testing.ExternalTools;

/**
 * Whisper and ElevenLabs clients against a loopback server speaking their API: the requests field
 * by field, retries on 429/5xx, timeouts, and the fall back to the local providers.
 */
class RemoteSpeechIT {
  private static final String OPENAI_KEY = "sk-test-0123456789";
  private static final String ELEVEN_KEY = "xi-test-9876543210";
  private static final Function<String, String> ENV =
      k ->
          Map.of("OPENAI_KEY", OPENAI_KEY, "ELEVEN_KEY", ELEVEN_KEY)
              .getOrDefault(k, System.getenv(k));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private FakeSpeechApi api;
  private VoiceCounters counters;
  private VoiceMetrics metrics;

  @BeforeEach
  void start() throws Exception {
    api = new FakeSpeechApi();
    counters = new VoiceCounters();
    metrics = counters.metrics;
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Voice voice(String stt, String tts, String extra) {
    String yaml =
        "server:\n  speech:\n    stt: ["
            + stt
            + "]\n    tts: ["
            + tts
            + "]\n    openai_api_key: ${OPENAI_KEY}\n    elevenlabs_api_key: ${ELEVEN_KEY}\n"
            + "    openai_url: "
            + api.base()
            + "\n    elevenlabs_url: "
            + api.base()
            + "/\n    elevenlabs_voice: voice1234\n"
            + extra;
    ServerConfig.Speech speech = new ConfigLoader(ENV).parse("speech.yaml", yaml).server().speech();
    return Voice.from(speech, ENV, http, Duration.ofMillis(10), metrics);
  }

  private static Wav tone() {
    short[] s = new short[1600];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (8000 * Math.sin(i / 5.0));
    }
    return new Wav(16_000, s);
  }

  @Test
  void whisperGetsTheDocumentedMultipartRequest() throws Exception {
    api.then(FakeSpeechApi.Reply.json("{\"text\":\" what is my balance \"}"));
    Wav audio = tone();
    Voice.Transcription t = voice("whisper", "espeak", "").transcribe(audio, "en-us");
    assertEquals("whisper", t.provider());
    assertEquals("what is my balance", t.text());

    FakeSpeechApi.Request r = api.requests().get(0);
    assertEquals("POST", r.method());
    assertEquals("/v1/audio/transcriptions", r.pathAndQuery());
    assertEquals("Bearer " + OPENAI_KEY, r.header("Authorization"));
    assertTrue(r.header("Content-Type").startsWith("multipart/form-data; boundary="));
    Map<String, FakeSpeechApi.Part> parts = FakeSpeechApi.multipart(r);
    assertEquals(
        List.of("model", "language", "response_format", "file"), List.copyOf(parts.keySet()));
    assertEquals("whisper-1", parts.get("model").text());
    // ISO-639-1, as the API wants: en-us is sent as en.
    assertEquals("en", parts.get("language").text());
    assertEquals("json", parts.get("response_format").text());
    assertTrue(parts.get("file").headers().contains("filename=\"audio.wav\""));
    assertTrue(parts.get("file").headers().contains("Content-Type: audio/wav"));
    assertArrayEquals(audio.bytes(), parts.get("file").content());
    assertEquals(1.0, counters.counter("external_api_requests_total", "status", "success"));
  }

  @Test
  void whisperGetsAnMp3AsItIsWithoutLame() throws Exception {
    byte[] mp3 = Mp3s.encode(tone().bytes(), "-b", "32");
    api.then(FakeSpeechApi.Reply.json("{\"text\":\"pay my card\"}"));
    // No lame on this PATH: an MP3 for Whisper needs no decoding.
    Function<String, String> noPrograms = k -> k.equals("PATH") ? "" : ENV.apply(k);
    String yaml =
        "server:\n  speech:\n    stt: [whisper, pocketsphinx]\n    openai_api_key: ${OPENAI_KEY}\n"
            + "    openai_url: "
            + api.base()
            + "\n";
    Voice v =
        Voice.from(
            new ConfigLoader(ENV).parse("s.yaml", yaml).server().speech(),
            noPrograms,
            http,
            Duration.ofMillis(10),
            metrics);
    Recording audio = v.recording(mp3);
    assertEquals("mp3", audio.format());
    Voice.Transcription t = v.transcribe(audio, "en");
    assertEquals("whisper", t.provider());
    assertEquals("pay my card", t.text());
    Map<String, FakeSpeechApi.Part> parts = FakeSpeechApi.multipart(api.requests().get(0));
    assertTrue(parts.get("file").headers().contains("filename=\"audio.mp3\""));
    assertTrue(
        parts.get("file").headers().contains("Content-Type: audio/mpeg"),
        parts.get("file").headers());
    assertArrayEquals(mp3, parts.get("file").content());
    // The 0.1 s tone, padded by lame to whole frames.
    assertEquals(0.1, t.audioLength().toMillis() / 1000.0, 0.1);

    // Whisper failing, pocketsphinx cannot be reached either: both reasons are given.
    api.then(FakeSpeechApi.Reply.status(400));
    Failure e = assertThrows(Failure.class, () -> v.transcribe(audio, "en"));
    assertEquals("speech_unavailable", e.code());
    assertTrue(e.getMessage().contains("whisper answered HTTP 400"), e.getMessage());
  }

  @Test
  void elevenLabsGetsTheDocumentedJsonRequest() throws Exception {
    short[] samples = {0, 1000, -1000, 32767, -32768, 5};
    ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : samples) {
      pcm.putShort(s);
    }
    api.then(new FakeSpeechApi.Reply(200, "audio/pcm", pcm.array(), 0));
    Voice.Synthesis s =
        voice("pocketsphinx", "elevenlabs", "").synthesize("Hello there", "en-us", 2.0);
    assertEquals("elevenlabs", s.provider());
    assertEquals(22_050, s.audio().sampleRate());
    assertArrayEquals(samples, s.audio().samples());

    FakeSpeechApi.Request r = api.requests().get(0);
    assertEquals("POST", r.method());
    // The trailing / of the configured URL does not double up.
    assertEquals("/v1/text-to-speech/voice1234?output_format=pcm_22050", r.pathAndQuery());
    assertEquals(ELEVEN_KEY, r.header("xi-api-key"));
    assertNull(r.header("Authorization"));
    assertEquals("application/json", r.header("Content-Type"));
    JsonNode body = JSON.readTree(r.body());
    assertEquals("Hello there", body.path("text").asText());
    assertEquals("eleven_multilingual_v2", body.path("model_id").asText());
    // Speed 2 is beyond ElevenLabs' range: its fastest, 1.2, is asked for.
    assertEquals(1.2, body.path("voice_settings").path("speed").asDouble());
    assertTrue(body.path("voice_settings").has("stability"));
    assertTrue(body.path("voice_settings").has("similarity_boost"));
  }

  @Test
  void a429AndA500AreRetriedThenTheAnswerIsUsed() {
    api.then(FakeSpeechApi.Reply.status(429))
        .then(FakeSpeechApi.Reply.status(500))
        .then(FakeSpeechApi.Reply.json("{\"text\":\"third time lucky\"}"));
    Voice.Transcription t = voice("whisper", "espeak", "").transcribe(tone(), "en");
    assertEquals("third time lucky", t.text());
    assertEquals(3, api.requests().size());
    assertEquals(2.0, counters.counter("external_api_requests_total", "status", "failure"));
    assertEquals(1.0, counters.counter("external_api_requests_total", "status", "success"));
  }

  /** "hello" spoken with ElevenLabs first and espeak-ng after it, under {@code voiceYaml}. */
  private Voice.Synthesis helloFromElevenLabsThenEspeak(String voiceYaml) {
    ExternalTools.SYSTEM.require("espeak-ng", "espeak-ng");
    return voice("pocketsphinx", "elevenlabs, espeak", voiceYaml).synthesize("hello", "en-us", 1.0);
  }

  @Test
  void retriesAreBoundedThenTheLocalProviderServes() {
    for (int i = 0; i < 5; i++) {
      api.then(FakeSpeechApi.Reply.status(503));
    }
    assertEquals("espeak", helloFromElevenLabsThenEspeak("    remote_retries: 1\n").provider());
    assertEquals(2, api.requests().size(), "one try and one retry");
    assertEquals(
        1.0, counters.counter("speech_provider_fallback_total", "fallback_provider", "espeak"));
    assertEquals(2.0, counters.counter("external_api_requests_total", "status", "failure"));
    assertEquals(1.0, counters.counter("speech_provider_requests_total", "status", "failure"));
  }

  @Test
  void aSlowProviderTimesOutAndTheNextServes() {
    api.then(new FakeSpeechApi.Reply(200, "audio/pcm", new byte[4410], 5_000));
    assertEquals("espeak", helloFromElevenLabsThenEspeak("    remote_timeout: 300ms\n").provider());
    assertEquals(1, api.requests().size(), "a timeout is not retried");
    assertEquals(
        1.0, counters.counter("speech_provider_fallback_total", "primary_provider", "elevenlabs"));
  }

  @Test
  void aTimeoutIsReportedAndHealthProbesAreNotRetried() {
    api.then(new FakeSpeechApi.Reply(200, "application/json", new byte[0], 5_000))
        .then(FakeSpeechApi.Reply.status(500));
    Voice v = voice("whisper", "espeak", "    remote_timeout: 300ms\n");
    Failure e = assertThrows(Failure.class, () -> v.transcribe(tone(), "en"));
    assertTrue(e.getMessage().contains("whisper did not answer within 300 ms"), e.getMessage());
    ProviderStatus s = v.sttHealth().get(0);
    assertEquals("whisper answered HTTP 500", s.reason());
    assertEquals(2, api.requests().size(), "the probe's 500 is not retried");
  }

  @Test
  void aRefusedKeyIsNotRetriedAndNeverQuoted() {
    api.then(FakeSpeechApi.Reply.status(401));
    Voice v = voice("whisper", "espeak", "");
    Failure e = assertThrows(Failure.class, () -> v.transcribe(tone(), "en"));
    assertEquals(Failure.Kind.UNAVAILABLE, e.kind());
    assertEquals("speech_unavailable", e.code());
    assertTrue(e.getMessage().contains("whisper refused the API key (HTTP 401)"), e.getMessage());
    assertFalse(e.getMessage().contains("sk-te"), e.getMessage());
    assertEquals(1, api.requests().size());
  }

  @Test
  void theWholeChainFailingIs503WithEveryReason() {
    for (int i = 0; i < 3; i++) {
      api.then(FakeSpeechApi.Reply.status(500));
    }
    Voice remote = voice("whisper", "elevenlabs", "");
    Voice chain =
        new Voice(
            List.of(
                remote.synthesizers().get(0),
                new EspeakSynthesizer(Optional.of(Path.of("/bin/false")), Duration.ofSeconds(5))),
            List.of(),
            metrics);
    Failure e = assertThrows(Failure.class, () -> chain.synthesize("hi", "en-us", 1.0));
    assertEquals(Failure.Kind.UNAVAILABLE, e.kind());
    assertTrue(
        e.getMessage().contains("elevenlabs: elevenlabs answered HTTP 500 (after 3 attempts)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("espeak: espeak-ng exited with status 1"), e.getMessage());
    assertEquals(
        1.0, counters.counter("speech_provider_fallback_total", "fallback_provider", "espeak"));
  }

  @Test
  void healthProbesRemoteProvidersWithTheirKeys() throws Exception {
    api.then(FakeSpeechApi.Reply.json("{\"id\":\"whisper-1\"}"))
        .then(FakeSpeechApi.Reply.status(401));
    Voice v = voice("whisper", "elevenlabs", "");
    ProviderStatus whisper = v.sttHealth().get(0);
    assertEquals(new ProviderStatus("whisper", "remote", true, true, true, null), whisper);
    FakeSpeechApi.Request probe = api.requests().get(0);
    assertEquals("GET", probe.method());
    assertEquals("/v1/models/whisper-1", probe.pathAndQuery());
    assertEquals("Bearer " + OPENAI_KEY, probe.header("Authorization"));

    ProviderStatus eleven = v.ttsHealth().get(0);
    assertEquals(false, eleven.reachable());
    assertEquals(false, eleven.available());
    assertEquals("elevenlabs refused the API key (HTTP 401)", eleven.reason());
    assertEquals("/v1/voices/voice1234/settings", api.requests().get(1).pathAndQuery());
    assertEquals(ELEVEN_KEY, api.requests().get(1).header("xi-api-key"));

    // Probed once a minute at most: a second health check asks nobody.
    v.sttHealth();
    assertEquals(2, api.requests().size());
  }

  @Test
  void healthReportsAnUnreachableApiAndAMissingKey() throws Exception {
    api.close();
    Voice v = voice("whisper", "espeak", "");
    ProviderStatus whisper = v.sttHealth().get(0);
    assertEquals(true, whisper.configured());
    assertEquals(false, whisper.reachable());
    assertEquals("whisper could not be reached", whisper.reason());

    ServerConfig.Speech noKeys =
        new ConfigLoader(ENV)
            .parse("s.yaml", "server:\n  speech:\n    stt: [whisper]\n    tts: [elevenlabs]\n")
            .server()
            .speech();
    Voice keyless = Voice.from(noKeys, ENV, http, metrics);
    ProviderStatus s = keyless.ttsHealth().get(0);
    assertEquals(
        new ProviderStatus(
            "elevenlabs",
            "remote",
            false,
            null,
            false,
            "no API key configured (server.speech.elevenlabs_api_key)"),
        s);
  }
}
