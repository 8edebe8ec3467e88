package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.server.api.ChatClients.Socket;
import org.maiis.server.rag.ChatService;
import org.maiis.server.voice.Mp3s;
import org.maiis.server.voice.Wav;
import org.maiis.testing.ExternalTools;

/**
 * A spoken chat turn end to end, over HTTP and the WebSocket: a real recording
 * (pocketsphinx-testdata: "he was not an ill disposed young man") is transcribed by pocketsphinx,
 * answered from an uploaded document with a citation, and the answer spoken by espeak-ng.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceChatIT {
  private static final String GUIDE =
      "Accounts for students.\n\nA young man or woman under 25 opening a first savings account"
          + " pays no monthly fee. Replacement cards cost five dollars.";

  @AutoClose private Harness h;
  private Session user;
  private String documentId;
  private byte[] recording;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ExternalTools.SYSTEM.require("espeak-ng", "espeak-ng");
    ExternalTools.SYSTEM.require("pocketsphinx_continuous", "pocketsphinx");
    recording = Librivox.readOrSkip();
    h = Harness.start(dir, Backend.embedded(), "");
    user = h.api.newUser();
    documentId = Uploads.ingest(h.api, user, "student-accounts.txt", GUIDE);
    assertFalse(documentId.isEmpty());
  }

  @Test
  void aSpokenQuestionIsAnsweredWithACitationAndSpokenBack() throws Exception {
    Res r = askAloud("question.wav", recording);
    assertEquals(200, r.status(), r.body());
    JsonNode turn = r.json();
    assertHeardTheRecording(turn.path("transcript").asText());
    assertEquals("pocketsphinx", turn.path("stt_provider").asText());
    assertEquals("extractive", turn.path("mode").asText());
    assertEquals(documentId, turn.path("sources").path(0).path("document_id").asText());
    assertEquals("student-accounts.txt", turn.path("sources").path(0).path("filename").asText());
    String response = turn.path("response").asText();
    assertTrue(response.contains("young man") && response.endsWith("[1]"), response);
    byte[] audio = Base64.getDecoder().decode(turn.path("audio_base64").asText());
    assertEquals("RIFF", new String(audio, 0, 4, StandardCharsets.US_ASCII));
    assertEquals("wav", turn.path("format").asText());
    assertEquals("espeak", turn.path("tts_provider").asText());
    // The citation mark is not spoken: the answer read aloud is about as long as its words.
    assertTrue(audio.length > 44_100, "only " + audio.length + " bytes");
  }

  @Test
  void aJsonTurnCanAnswerInMp3() throws Exception {
    ExternalTools.SYSTEM.require("lame", "lame");
    Res r = h.api.post("/api/voice/chat", user.access(), Api.audio(recording, "en", "mp3"));
    assertEquals(200, r.status(), r.body());
    assertEquals("mp3", r.json().path("format").asText());
    byte[] audio = Base64.getDecoder().decode(r.json().path("audio_base64").asText());
    assertEquals(0xFF, audio[0] & 0xFF);
    assertEquals(0xE0, audio[1] & 0xE0);
  }

  @Test
  void anMp3QuestionIsHeardOverHttpAndAsABinaryWebSocketFrame() throws Exception {
    byte[] mp3 = Mp3s.encode(recording, "-b", "48");
    Res r = askAloud("question.mp3", mp3);
    assertEquals(200, r.status(), r.body());
    assertHeardTheRecording(r.json().path("transcript").asText());
    assertEquals(documentId, r.json().path("sources").path(0).path("document_id").asText());

    Socket s = voiceSocket("Bearer " + user.access());
    assertEquals("ready", s.next().path("type").asText());
    s.ws.sendBinary(ByteBuffer.wrap(mp3), true).join();
    JsonNode transcript = s.next();
    assertEquals("transcript", transcript.path("type").asText(), transcript.toString());
    assertHeardTheRecording(transcript.path("text").asText());
    assertEquals("answer", s.next().path("type").asText());
    assertEquals("audio", s.next().path("type").asText());
    s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void anotherUsersDocumentsAreNeverCitedAndTheNothingFoundAnswerIsSpoken() throws Exception {
    Session stranger = h.api.newUser();
    Res r =
        Multipart.post(
            h.api.base() + "/api/voice/chat",
            stranger.access(),
            Map.of(),
            "audio",
            "q.wav",
            recording);
    assertEquals(200, r.status(), r.body());
    assertHeardTheRecording(r.json().path("transcript").asText());
    assertEquals(0, r.json().path("sources").size(), r.body());
    assertEquals(ChatService.NOTHING_FOUND, r.json().path("response").asText());
    byte[] audio = Base64.getDecoder().decode(r.json().path("audio_base64").asText());
    assertEquals("RIFF", new String(audio, 0, 4, StandardCharsets.US_ASCII));
    assertTrue(audio.length > 44_100, "only " + audio.length + " bytes");
    assertEquals("espeak", r.json().path("tts_provider").asText());

    Socket s = voiceSocket("Bearer " + stranger.access());
    assertEquals("ready", s.next().path("type").asText());
    s.ws.sendBinary(ByteBuffer.wrap(recording), true).join();
    assertEquals("transcript", s.next().path("type").asText());
    JsonNode answer = s.next();
    assertEquals(ChatService.NOTHING_FOUND, answer.path("response").asText(), answer.toString());
    JsonNode spoken = s.next();
    assertEquals("audio", spoken.path("type").asText(), spoken.toString());
    assertFalse(spoken.path("audio_base64").asText().isEmpty(), spoken.toString());
    s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void silenceIs422AndNotAWavIs415() throws Exception {
    byte[] silence = new Wav(16_000, new short[16_000]).bytes();
    Res quiet =
        Multipart.post(
            h.api.base() + "/api/voice/chat", user.access(), Map.of(), "audio", "q.wav", silence);
    assertEquals(422, quiet.status(), quiet.body());
    assertEquals("no_speech", quiet.code());
    Res text =
        h.api.post(
            "/api/voice/chat",
            user.access(),
            Map.of("audio_base64", Base64.getEncoder().encodeToString("hello".getBytes())));
    assertEquals(415, text.status(), text.body());
    assertEquals(401, h.api.post("/api/voice/chat", null, Map.of("audio_base64", "AA==")).status());
  }

  @Test
  void theWebSocketWithoutAuthenticationClosesWith1008() throws Exception {
    Socket s = voiceSocket(null);
    s.ws.sendBinary(ByteBuffer.wrap(recording), true).join();
    assertEquals("1008 unauthorized", s.closed.get(30, TimeUnit.SECONDS));
    assertTrue(s.frames.isEmpty(), "no frame before authentication: " + s.frames);

    Socket bad = voiceSocket("Bearer not.a.token");
    assertEquals("1008 unauthorized", bad.closed.get(30, TimeUnit.SECONDS));
    assertTrue(bad.frames.isEmpty(), bad.frames.toString());

    Socket wrongFirst = voiceSocket(null);
    wrongFirst.ws.sendText("{\"type\":\"audio\",\"audio_base64\":\"AA==\"}", true).join();
    assertEquals("1008 unauthorized", wrongFirst.closed.get(30, TimeUnit.SECONDS));
  }

  @Test
  void aRevokedTokenIsRefusedInTheAuthFrame() throws Exception {
    Session s = h.api.newUser();
    assertEquals(
        200,
        h.api.post("/api/auth/logout", s.access(), Map.of("refresh_token", s.refresh())).status());
    Socket ws = voiceSocket(null);
    ws.ws.sendText("{\"type\":\"auth\",\"access_token\":\"" + s.access() + "\"}", true).join();
    assertEquals("1008 unauthorized", ws.closed.get(30, TimeUnit.SECONDS));
  }

  @Test
  void anAuthFrameThenAudioGivesTranscriptAnswerAndAudioFrames() throws Exception {
    // A silent connection, checked at the end: closed once its 10 s to authenticate are over
    // (the turns below take most of that time, so the wait costs little).
    Socket silent = voiceSocket(null);
    Socket s = voiceSocket(null);
    s.ws.sendText("{\"type\":\"auth\",\"access_token\":\"" + user.access() + "\"}", true).join();
    assertEquals("ready", s.next().path("type").asText());

    s.ws.sendBinary(ByteBuffer.wrap(recording), true).join();
    JsonNode transcript = s.next();
    assertEquals("transcript", transcript.path("type").asText(), transcript.toString());
    assertHeardTheRecording(transcript.path("text").asText());
    JsonNode answer = s.next();
    assertEquals("answer", answer.path("type").asText(), answer.toString());
    assertEquals(documentId, answer.path("sources").path(0).path("document_id").asText());
    assertTrue(answer.path("response").asText().contains("[1]"));
    JsonNode audio = s.next();
    assertEquals("audio", audio.path("type").asText());
    assertEquals("wav", audio.path("format").asText());
    byte[] wav = Base64.getDecoder().decode(audio.path("audio_base64").asText());
    assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));

    // Errors are frames; the connection stays open for the next turn.
    s.ws
        .sendText(
            "{\"type\":\"audio\",\"audio_base64\":\""
                + Base64.getEncoder().encodeToString("not audio".getBytes())
                + "\"}",
            true)
        .join();
    JsonNode error = s.next();
    assertEquals("error", error.path("type").asText());
    assertEquals("unsupported_audio", error.path("code").asText());
    s.ws.sendText("{\"type\":\"dance\"}", true).join();
    assertEquals("unknown_type", s.next().path("code").asText());
    // The HTTP routes' code for a body that is not JSON, as the documentation promises.
    s.ws.sendText("not json", true).join();
    assertEquals("malformed_json", s.next().path("code").asText());
    s.ws.sendText("{\"type\":\"audio\",\"type\":\"options\"}", true).join();
    assertEquals("type is given more than once", s.next().path("message").asText());
    s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    s.closed.get(30, TimeUnit.SECONDS);
    assertEquals("1008 unauthorized", silent.closed.get(30, TimeUnit.SECONDS));
    assertTrue(silent.frames.isEmpty(), silent.frames.toString());

    String metrics = h.api.get("/metrics", null).body();
    assertTrue(
        metrics.contains("websocket_messages_total{direction=\"inbound\",message_type=\"binary\"}"),
        "binary frames counted");
    assertTrue(
        metrics.contains("websocket_messages_total{direction=\"outbound\",message_type=\"error\"}"),
        "error frames counted");
  }

  @Test
  void aBearerHeaderOnTheUpgradeAuthenticatesAndBase64AudioFramesWork() throws Exception {
    Socket s = voiceSocket("Bearer " + user.access());
    assertEquals("ready", s.next().path("type").asText());
    s.ws
        .sendText(
            "{\"type\":\"audio\",\"language\":\"en-us\",\"audio_base64\":\""
                + Base64.getEncoder().encodeToString(recording)
                + "\"}",
            true)
        .join();
    assertEquals("transcript", s.next().path("type").asText());
    assertEquals("answer", s.next().path("type").asText());
    assertNotNull(s.next().path("audio_base64").textValue());
    s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  /** Posts {@code audio} to the voice chat as the multipart part {@code filename}, in en-us. */
  private Res askAloud(String filename, byte[] audio) throws Exception {
    return Multipart.post(
        h.api.base() + "/api/voice/chat",
        user.access(),
        Map.of("language", "en-us"),
        "audio",
        filename,
        audio);
  }

  /** A client of the voice WebSocket; a spoken turn may take long, so frames are awaited 120 s. */
  private Socket voiceSocket(String authorization) throws Exception {
    return Socket.open(h.api, "/api/voice/ws", authorization, Duration.ofSeconds(120));
  }

  private static void assertHeardTheRecording(String transcript) {
    String t = transcript.toLowerCase(Locale.ROOT);
    // pocketsphinx hears "he was not an illness those young man": most words, never all.
    assertTrue(t.contains("young") && t.contains("man"), "heard: " + transcript);
  }
}
