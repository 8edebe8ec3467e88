package org.maiis.server.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Text to speech with ElevenLabs ({@code POST /v1/text-to-speech/{voice_id}} with the {@code
 * xi-api-key} header), asking for {@code pcm_22050}: raw 16-bit little-endian mono PCM, the rate
 * espeak-ng speaks at, so both providers give the same WAV (and the same MP3 encoding path).
 */
public final class ElevenLabsSynthesizer extends RemoteProvider implements Synthesizer {
  /** The output format asked for: 22.05 kHz 16-bit PCM. */
  static final String OUTPUT_FORMAT = "pcm_22050";

  static final int RATE = 22_050;
  // ElevenLabs accepts speeds from 0.7 to 1.2 only.
  private static final double MIN_SPEED = 0.7;
  private static final double MAX_SPEED = 1.2;

  private final String voiceId;
  private final String model;

  ElevenLabsSynthesizer(
      URI base, String voiceId, String model, RemoteAccount account, RemoteApi api) {
    super("elevenlabs", base, account, api, "xi-api-key", key -> key);
    this.voiceId = voiceId;
    this.model = model;
  }

  @Override
  public ProviderStatus status() {
    // The configured voice's settings: a free call that checks the key and the voice id.
    return probe("voice_settings", "/v1/voices/" + path(voiceId) + "/settings");
  }

  /**
   * Speaks with the configured voice; {@code voice} names an espeak-ng voice and does not apply
   * here. The speed is kept within what ElevenLabs accepts.
   */
  @Override
  public Wav synthesize(String text, String voice, double speed) throws SpeechFailure {
    String key = account.key();
    ObjectNode body = json.createObjectNode();
    body.put("text", text);
    body.put("model_id", model);
    ObjectNode settings = body.putObject("voice_settings");
    settings.put("stability", 0.5);
    settings.put("similarity_boost", 0.75);
    settings.put("speed", Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed)));
    byte[] request = body.toString().getBytes(StandardCharsets.UTF_8);
    RemoteApi.Answer a =
        api.send(
            "text_to_speech",
            () ->
                request(
                        "/v1/text-to-speech/" + path(voiceId) + "?output_format=" + OUTPUT_FORMAT,
                        key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)));
    byte[] pcm = a.body();
    if (pcm.length < 2) {
      throw new SpeechFailure("elevenlabs answered no audio");
    }
    short[] samples = new short[pcm.length / 2];
    ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return new Wav(RATE, samples);
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
