package org.maiis.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.maiis.config.ServerConfig.Auth;
import org.maiis.config.ServerConfig.Banking;
import org.maiis.config.ServerConfig.Cache;
import org.maiis.config.ServerConfig.Database;
import org.maiis.config.ServerConfig.Documents;
import org.maiis.config.ServerConfig.Llm;
import org.maiis.config.ServerConfig.Speech;
import org.maiis.config.ServerConfig.Storage;
import org.maiis.config.ServerConfig.StorageType;
import org.maiis.config.ServerConfig.SttProvider;
import org.maiis.config.ServerConfig.TtsProvider;
import org.maiis.config.ServerConfig.VectorStore;

/** Reads the {@code server} section into a {@link ServerConfig}, reporting every problem. */
final class ServerSection {
  private ServerSection() {}

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

  /** The server settings of {@code s}, with defaults for what it leaves out. */
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

    Database db = s.section("database", ServerSection::database);
    Cache cache =
        s.section(
            "cache",
            c -> new Cache(c.optString("redis_url", Check.REDIS_URL), c.secret("password")));
    Storage storage = s.section("storage", ServerSection::storage);
    VectorStore vs = s.section("vector_store", ServerSection::vectorStore);
    Llm llm = s.section("llm", ServerSection::llm);
    Speech speech = s.section("speech", ServerSection::speech);
    Auth auth = s.section("auth", ServerSection::auth);
    Banking banking =
        s.section(
            "banking",
            b -> new Banking(money(b, "max_transaction", 10000), money(b, "daily_limit", 25000)));
    Documents documents = s.section("documents", ServerSection::documents);

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

    boolean metrics = s.section("metrics", m -> m.bool("enabled", true));
    // 0: two per CPU core, decided where the server runs.
    int maxInFlight = s.integer("max_in_flight", 0, 0, 100_000);

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
            trustedProxies,
            maxInFlight);
    s.done();
    return server;
  }

  private static Storage storage(Section st) {
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
    return storage;
  }

  private static Speech speech(Section sp) {
    return new Speech(
        providers(sp, "stt", List.of("whisper", "pocketsphinx"), SttProvider.class),
        providers(sp, "tts", List.of("elevenlabs", "espeak"), TtsProvider.class),
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
  }

  /** The providers listed at {@code key}, in the order given. */
  private static <E extends Enum<E>> List<E> providers(
      Section sp, String key, List<String> def, Class<E> type) {
    return sp.strings(key, def, Check.oneOf(type)).stream()
        .map(w -> Enum.valueOf(type, w.toUpperCase(java.util.Locale.ROOT)))
        .toList();
  }

  /** An amount of money at {@code key}: two decimals, rounded half to even. */
  private static BigDecimal money(Section b, String key, double def) {
    return BigDecimal.valueOf(b.number(key, def, 0.01, 1e12)).setScale(2, RoundingMode.HALF_EVEN);
  }

  private static Database database(Section d) {
    return new Database(
        d.optString("url", Check.JDBC_URL),
        d.optString("user", Check.LABEL_VALUE),
        d.secret("password"),
        d.integer("pool_size", 10, 1, 1000),
        d.duration("pool_timeout", Duration.ofSeconds(5)),
        d.bool("fsync", true));
  }

  private static VectorStore vectorStore(Section v) {
    return new VectorStore(
        v.optString("qdrant_url", Check.HTTP_URL).map(URI::create),
        v.string("collection", "maiis_documents", Check.NAME),
        v.secret("api_key"),
        v.integer("hnsw_threshold", 20_000, 1, Integer.MAX_VALUE));
  }

  private static Llm llm(Section l) {
    return new Llm(
        l.optString("ollama_url", Check.HTTP_URL).map(URI::create),
        l.string("model", "llama3.2", Check.LABEL_VALUE_OR_RELEASE),
        l.optString("embedding_model", Check.LABEL_VALUE_OR_RELEASE),
        l.duration("timeout", Duration.ofSeconds(60)),
        l.integer("chat_workers", 4, 1, 256),
        l.integer("chat_queue", 16, 0, 10_000),
        l.integer("embedding_threads", 1, 1, 64));
  }

  private static Auth auth(Section a) {
    return new Auth(
        a.duration("access_token_ttl", Duration.ofMinutes(15)),
        a.duration("refresh_token_ttl", Duration.ofDays(7)),
        a.integer("login_failures", 5, 1, 1000),
        a.duration("login_window", Duration.ofMinutes(15)),
        recheckAfter(a));
  }

  private static Documents documents(Section doc) {
    return new Documents(
        doc.size("max_upload_size", new ByteSize(20L << 20)),
        doc.duration("ocr_timeout", Duration.ofSeconds(120)),
        doc.integer("max_extracted_chars", 2_000_000, 1_000, 100_000_000),
        doc.size("daily_upload_bytes", new ByteSize(500L << 20)),
        doc.integer("workers", 2, 1, 64),
        doc.integer("queue", 16, 0, 10_000));
  }
}
