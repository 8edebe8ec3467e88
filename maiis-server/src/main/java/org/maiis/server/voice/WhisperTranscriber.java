package org.maiis.server.voice;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Speech to text with OpenAI's transcription API ({@code POST /v1/audio/transcriptions}, multipart
 * with the audio file (an MP3 as sent, else the WAV), the model, the ISO-639-1 language and {@code
 * response_format=json}).
 */
public final class WhisperTranscriber extends RemoteProvider implements Transcriber {
  private static final Pattern ISO_639_1 = Pattern.compile("[a-z]{2}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String model;

  WhisperTranscriber(URI base, String model, RemoteAccount account, RemoteApi api) {
    super("whisper", base, account, api, "Authorization", key -> "Bearer " + key);
    this.model = model;
  }

  @Override
  public ProviderStatus status() {
    // Fetching the model's description costs nothing and proves the key works.
    return probe("models", "/v1/models/" + model);
  }

  @Override
  public boolean supports(String language) {
    return ISO_639_1.matcher(primary(language)).matches();
  }

  @Override
  public boolean takesMp3() {
    return true;
  }

  @Override
  public String transcribe(Recording audio, String language) throws SpeechFailure {
    String key = account.key();
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String boundary = "maiis-" + HexFormat.of().formatHex(nonce);
    byte[] body = multipart(boundary, audio, primary(language));
    RemoteApi.Answer a =
        api.send(
            "audio_transcriptions",
            () ->
                request("/v1/audio/transcriptions", key)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    JsonNode text;
    try {
      text = json.readTree(a.body()).path("text");
    } catch (IOException e) {
      throw new SpeechFailure("whisper answered something other than JSON");
    }
    if (!text.isTextual()) {
      throw new SpeechFailure("whisper answered without a text field");
    }
    return text.asText().strip();
  }

  // Whisper takes ISO-639-1 codes: en-us is en.
  private static String primary(String language) {
    int dash = language.indexOf('-');
    return dash < 0 ? language : language.substring(0, dash);
  }

  private byte[] multipart(String boundary, Recording audio, String language) {
    byte[] file = audio.file();
    ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 1024);
    field(out, boundary, "model", model);
    field(out, boundary, "language", language);
    field(out, boundary, "response_format", "json");
    ascii(
        out,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio."
            + audio.format()
            + "\"\r\nContent-Type: "
            + audio.contentType()
            + "\r\n\r\n");
    // OpenAI tells formats apart by the file name's extension: it must match the content.
    out.writeBytes(file);
    ascii(out, "\r\n--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
    ascii(
        out,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"\r\n\r\n"
            + value
            + "\r\n");
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
