package org.maiis.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The platform API ({@code maiis serve}). Every backing service has an embedded default so the
 * server runs on a fresh machine, and a production implementation chosen by URL.
 *
 * @param host listen address
 * @param port listen port
 * @param dataDir state directory for the embedded defaults
 * @param database H2 under dataDir by default, PostgreSQL by URL
 * @param cache in-process by default, Redis by URL
 * @param storage local directory by default, S3-compatible by endpoint
 * @param vectorStore embedded by default, Qdrant by URL
 * @param llm none (extractive answers) by default, Ollama by URL
 * @param speech provider chains for speech-to-text and text-to-speech
 * @param metricsEnabled whether /metrics and request instrumentation are on
 * @param jwtSecret signing key for access tokens; generated under dataDir when absent
 * @param auth token lifetimes and login throttling
 * @param banking money-movement limits
 * @param documents upload limits and text extraction
 * @param trustedProxies peers (the nginx front) whose {@code X-Real-IP} header names the client,
 *     for per-address login throttling
 * @param maxInFlight banking requests (and /api/auth/me) handled at once, the others waiting their
 *     turn; 0 for two per CPU core
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Database database,
    Cache cache,
    Storage storage,
    VectorStore vectorStore,
    Llm llm,
    Speech speech,
    boolean metricsEnabled,
    Optional<Secret> jwtSecret,
    Auth auth,
    Banking banking,
    Documents documents,
    List<String> trustedProxies,
    int maxInFlight) {

  /**
   * Sessions and login throttling.
   *
   * @param accessTokenTtl lifetime of an access token (JWT)
   * @param refreshTokenTtl lifetime of a refresh token
   * @param loginFailures failed logins allowed per account (and 4x that per client address) per
   *     window before further attempts get 429
   * @param loginWindow the throttling window
   * @param recheckAfter how long an access token that passed the revocation, version and user
   *     checks is trusted without reading them again; a revocation on the same instance applies at
   *     once, one made elsewhere within this time; zero checks every request
   */
  public record Auth(
      Duration accessTokenTtl,
      Duration refreshTokenTtl,
      int loginFailures,
      Duration loginWindow,
      Duration recheckAfter) {}

  /**
   * Limits on money movements, in the account's currency.
   *
   * @param maxTransaction largest single deposit, withdrawal or transfer
   * @param dailyLimit most that may leave one account (withdrawals and transfers) per UTC day
   */
  public record Banking(java.math.BigDecimal maxTransaction, java.math.BigDecimal dailyLimit) {}

  /**
   * Uploaded documents.
   *
   * @param maxUploadSize largest accepted upload; larger ones get 413
   * @param ocrTimeout longest one OCR run (one image or page) may take
   * @param maxExtractedChars most characters of text kept from one document; more is 413
   * @param dailyUploadBytes bytes one user may upload per UTC day; more is 429
   * @param workers documents extracted and embedded at once, server-wide
   * @param queue uploads that may wait for a worker; beyond, 503 with Retry-After
   */
  public record Documents(
      ByteSize maxUploadSize,
      Duration ocrTimeout,
      long maxExtractedChars,
      ByteSize dailyUploadBytes,
      int workers,
      int queue) {}

  /**
   * Database.
   *
   * @param url JDBC URL; empty for the embedded H2 database
   * @param user database user
   * @param password database password (secret reference)
   * @param poolSize maximum pool connections
   * @param poolTimeout longest a request waits for a connection before it gets 503
   * @param fsync whether the embedded database forces each commit to disk before it is acknowledged
   *     (power-loss safe); off, a commit survives a killed process but not a power loss
   */
  public record Database(
      Optional<String> url,
      Optional<String> user,
      Optional<Secret> password,
      int poolSize,
      Duration poolTimeout,
      boolean fsync) {}

  /**
   * Cache and shared token/rate-limit state.
   *
   * @param redisUrl Redis URL; empty for in-process
   * @param password Redis password (secret reference)
   */
  public record Cache(Optional<String> redisUrl, Optional<Secret> password) {}

  /** Where uploaded documents live. */
  public enum StorageType {
    LOCAL,
    S3
  }

  /**
   * Object storage.
   *
   * @param type local directory or S3-compatible
   * @param endpoint S3 endpoint URL
   * @param bucket S3 bucket
   * @param region S3 region
   * @param accessKey S3 access key (secret reference)
   * @param secretKey S3 secret key (secret reference)
   */
  public record Storage(
      StorageType type,
      Optional<URI> endpoint,
      Optional<String> bucket,
      String region,
      Optional<Secret> accessKey,
      Optional<Secret> secretKey) {}

  /**
   * Vector index.
   *
   * @param qdrantUrl Qdrant REST URL; empty for the embedded index
   * @param collection collection name
   * @param apiKey Qdrant API key (secret reference)
   * @param hnswThreshold vectors from which the embedded index searches an HNSW graph instead of
   *     comparing the question with every vector
   */
  public record VectorStore(
      Optional<URI> qdrantUrl, String collection, Optional<Secret> apiKey, int hnswThreshold) {}

  /**
   * Language model.
   *
   * @param ollamaUrl Ollama URL; empty for extractive answers without an LLM
   * @param model chat model name
   * @param embeddingModel Ollama embedding model; empty for the in-process model
   * @param timeout per-request timeout
   * @param chatWorkers chat answers computed at once, server-wide (HTTP and WebSocket)
   * @param chatQueue questions that may wait for a chat worker; beyond, 503 with Retry-After
   * @param embeddingThreads threads one call of the in-process embedding model may use (ONNX
   *     Runtime's intra-op threads), so one question or ingest cannot take every core
   */
  public record Llm(
      Optional<URI> ollamaUrl,
      String model,
      Optional<String> embeddingModel,
      Duration timeout,
      int chatWorkers,
      int chatQueue,
      int embeddingThreads) {}

  /** Speech-to-text providers, tried in order. */
  public enum SttProvider {
    WHISPER,
    POCKETSPHINX
  }

  /** Text-to-speech providers, tried in order. */
  public enum TtsProvider {
    ELEVENLABS,
    ESPEAK
  }

  /**
   * Speech provider chains.
   *
   * @param stt speech-to-text chain
   * @param tts text-to-speech chain
   * @param openaiApiKey key for Whisper (secret reference)
   * @param elevenlabsApiKey key for ElevenLabs (secret reference)
   * @param openaiUrl base URL of the OpenAI API (Whisper transcriptions)
   * @param whisperModel transcription model sent to OpenAI
   * @param elevenlabsUrl base URL of the ElevenLabs API
   * @param elevenlabsVoice ElevenLabs voice id every synthesis uses
   * @param elevenlabsModel ElevenLabs text-to-speech model id
   * @param remoteTimeout limit for one call to a remote provider (each retry has its own)
   * @param remoteRetries further attempts after a 429 or 5xx answer, with growing pauses
   * @param maxAudioLength longest audio transcribed or spoken; longer is 413
   * @param maxTtsChars longest text spoken; longer is 413
   */
  public record Speech(
      List<SttProvider> stt,
      List<TtsProvider> tts,
      Optional<Secret> openaiApiKey,
      Optional<Secret> elevenlabsApiKey,
      URI openaiUrl,
      String whisperModel,
      URI elevenlabsUrl,
      String elevenlabsVoice,
      String elevenlabsModel,
      Duration remoteTimeout,
      int remoteRetries,
      Duration maxAudioLength,
      int maxTtsChars) {}
}
