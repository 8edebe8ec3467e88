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
    List<String> trustedProxies) {

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

  // The bound on how late another instance sees a logout, so at most a minute; unlike other
  // durations zero is allowed, and the default: a logout holds on every instance at once unless
  // the operator trades that for throughput.
  private static Duration recheckAfter(Section a) {
    Optional<String> raw = a.optString("recheck_after", Check.ANY_LINE);
    if (raw.isEmpty()) {
      return Duration.ZERO;
    }
    Optional<Duration> d = Durations.parse(raw.get());
    if (d.isEmpty() || d.get().compareTo(Duration.ofSeconds(60)) > 0) {
      a.error(
          "recheck_after",
          Check.quote(raw.get()) + " is not a duration from 0s to 60s",
          "a duration such as 1s; 0s checks every request");
      return Duration.ZERO;
    }
    return d.get();
  }

  static ServerConfig bind(Section s) {
    String listen = s.string("listen", "127.0.0.1:8000", Check.ANY_LINE);
    int colon = listen.lastIndexOf(':');
    String host = "127.0.0.1";
    int port = 8000;
    if (colon <= 0
        || !listen.substring(colon + 1).matches("\\d{1,5}")
        || Integer.parseInt(listen.substring(colon + 1)) > 65535) {
      s.error(
          "listen",
          Check.quote(listen) + " is not host:port",
          "host:port such as 127.0.0.1:8000 or 0.0.0.0:8000");
    } else if (Check.HOST.problem(listen.substring(0, colon)) != null
        && !listen.startsWith("0.0.0.0")) {
      s.error(
          "listen",
          Check.HOST.problem(listen.substring(0, colon)),
          "host:port such as 127.0.0.1:8000");
    } else {
      host = listen.substring(0, colon);
      port = Integer.parseInt(listen.substring(colon + 1));
    }

    Section d = s.section("database");
    Database db =
        new Database(
            d.optString("url", Check.JDBC_URL),
            d.optString("user", Check.LABEL_VALUE),
            d.secret("password"),
            d.integer("pool_size", 10, 1, 1000),
            d.duration("pool_timeout", Duration.ofSeconds(5)),
            d.bool("fsync", true));
    d.done();

    Section c = s.section("cache");
    Cache cache = new Cache(c.optString("redis_url", Check.REDIS_URL), c.secret("password"));
    c.done();

    Section st = s.section("storage");
    Storage storage =
        new Storage(
            st.choice("type", StorageType.LOCAL, StorageType.class),
            st.optString("endpoint", Check.HTTP_URL).map(URI::create),
            st.optString("bucket", Check.NAME),
            st.string("region", "us-east-1", Check.NAME),
            st.secret("access_key"),
            st.secret("secret_key"));
    if (storage.type() == StorageType.S3) {
      for (String k : List.of("endpoint", "bucket", "access_key", "secret_key")) {
        if (!st.has(k)) {
          st.error(k, "missing", "required when storage.type is s3");
        }
      }
    }
    st.done();

    Section v = s.section("vector_store");
    VectorStore vs =
        new VectorStore(
            v.optString("qdrant_url", Check.HTTP_URL).map(URI::create),
            v.string("collection", "maiis_documents", Check.NAME),
            v.secret("api_key"),
            v.integer("hnsw_threshold", 20_000, 1, Integer.MAX_VALUE));
    v.done();

    Section l = s.section("llm");
    Llm llm =
        new Llm(
            l.optString("ollama_url", Check.HTTP_URL).map(URI::create),
            l.string("model", "llama3.2", Check.LABEL_VALUE_OR_RELEASE),
            l.optString("embedding_model", Check.LABEL_VALUE_OR_RELEASE),
            l.duration("timeout", Duration.ofSeconds(60)),
            l.integer("chat_workers", 4, 1, 256),
            l.integer("chat_queue", 16, 0, 10_000),
            l.integer("embedding_threads", 1, 1, 64));
    l.done();

    Section sp = s.section("speech");
    Speech speech =
        new Speech(
            sp
                .strings("stt", List.of("whisper", "pocketsphinx"), Check.oneOf(SttProvider.class))
                .stream()
                .map(w -> SttProvider.valueOf(w.toUpperCase(java.util.Locale.ROOT)))
                .toList(),
            sp
                .strings("tts", List.of("elevenlabs", "espeak"), Check.oneOf(TtsProvider.class))
                .stream()
                .map(w -> TtsProvider.valueOf(w.toUpperCase(java.util.Locale.ROOT)))
                .toList(),
            sp.secret("openai_api_key"),
            sp.secret("elevenlabs_api_key"),
            URI.create(sp.string("openai_url", "https://api.openai.com", Check.HTTP_URL)),
            sp.string("whisper_model", "whisper-1", Check.LABEL_VALUE),
            URI.create(sp.string("elevenlabs_url", "https://api.elevenlabs.io", Check.HTTP_URL)),
            // ElevenLabs' premade "Rachel" voice, available on every account.
            sp.string("elevenlabs_voice", "21m00Tcm4TlvDq8rEWvq", Check.LABEL_VALUE),
            sp.string("elevenlabs_model", "eleven_multilingual_v2", Check.LABEL_VALUE),
            sp.duration("remote_timeout", Duration.ofSeconds(30)),
            sp.integer("remote_retries", 2, 0, 5),
            sp.duration("max_audio_length", Duration.ofMinutes(5)),
            sp.integer("max_tts_chars", 2_000, 1, 5_000));
    sp.done();

    Section a = s.section("auth");
    Auth auth =
        new Auth(
            a.duration("access_token_ttl", Duration.ofMinutes(15)),
            a.duration("refresh_token_ttl", Duration.ofDays(7)),
            a.integer("login_failures", 5, 1, 1000),
            a.duration("login_window", Duration.ofMinutes(15)),
            recheckAfter(a));
    a.done();

    Section b = s.section("banking");
    Banking banking =
        new Banking(
            java.math.BigDecimal.valueOf(b.number("max_transaction", 10000, 0.01, 1e12))
                .setScale(2, java.math.RoundingMode.HALF_EVEN),
            java.math.BigDecimal.valueOf(b.number("daily_limit", 25000, 0.01, 1e12))
                .setScale(2, java.math.RoundingMode.HALF_EVEN));
    b.done();

    Section doc = s.section("documents");
    Documents documents =
        new Documents(
            doc.size("max_upload_size", new ByteSize(20L << 20)),
            doc.duration("ocr_timeout", Duration.ofSeconds(120)),
            doc.integer("max_extracted_chars", 2_000_000, 1_000, 100_000_000),
            doc.size("daily_upload_bytes", new ByteSize(500L << 20)),
            doc.integer("workers", 2, 1, 64),
            doc.integer("queue", 16, 0, 10_000));
    doc.done();

    List<String> trustedProxies =
        s.strings(
            "trusted_proxies",
            List.of("127.0.0.1", "::1"),
            new Check(
                ip ->
                    ip.matches("(\\d{1,3}\\.){3}\\d{1,3}")
                        || (ip.contains(":") && ip.matches("[0-9a-fA-F:.]{2,45}")),
                "%s is not an IP address",
                "IPv4 or IPv6 address such as 10.0.0.5"));

    Section m = s.section("metrics");
    boolean metrics = m.bool("enabled", true);
    m.done();

    ServerConfig server =
        new ServerConfig(
            host,
            port,
            s.optPath("data_dir", Check.PATH).orElse(Path.of("data")),
            db,
            cache,
            storage,
            vs,
            llm,
            speech,
            metrics,
            s.secret("jwt_secret"),
            auth,
            banking,
            documents,
            trustedProxies);
    s.done();
    return server;
  }
}
