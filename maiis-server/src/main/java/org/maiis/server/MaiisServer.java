package org.maiis.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import io.javalin.websocket.WsHandlerType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.maiis.acme.CertificateCollector;
import org.maiis.acme.CertificateStore;
import org.maiis.config.MaiisConfig;
import org.maiis.config.ServerConfig;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.MaiisMetrics;
import org.maiis.process.Executables;
import org.maiis.sentry.SentryReporting;
import org.maiis.sentry.SentrySettings;
import org.maiis.server.auth.AccessTokens;
import org.maiis.server.auth.AuthController;
import org.maiis.server.auth.AuthService;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.auth.JwtSecret;
import org.maiis.server.auth.LoginThrottle;
import org.maiis.server.auth.Passwords;
import org.maiis.server.auth.Sessions;
import org.maiis.server.auth.UserRepository;
import org.maiis.server.auth.WebSocketAuth;
import org.maiis.server.banking.AccountService;
import org.maiis.server.banking.Accounts;
import org.maiis.server.banking.BankingController;
import org.maiis.server.banking.Idempotency;
import org.maiis.server.banking.Ledger;
import org.maiis.server.banking.MoneyMovements;
import org.maiis.server.cache.DatabaseState;
import org.maiis.server.cache.MeteredState;
import org.maiis.server.cache.RedisState;
import org.maiis.server.cache.SharedState;
import org.maiis.server.db.Database;
import org.maiis.server.db.Transactions;
import org.maiis.server.docs.ApiDocs;
import org.maiis.server.documents.DocumentController;
import org.maiis.server.documents.DocumentOcr;
import org.maiis.server.documents.DocumentService;
import org.maiis.server.documents.IngestController;
import org.maiis.server.documents.Ocr;
import org.maiis.server.documents.TextExtractor;
import org.maiis.server.documents.UploadQuota;
import org.maiis.server.health.HealthController;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ClientAddress;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.http.JettyErrors;
import org.maiis.server.http.Json;
import org.maiis.server.metrics.Instrumentation;
import org.maiis.server.metrics.MetricsPlugin;
import org.maiis.server.metrics.SentryPlugin;
import org.maiis.server.rag.ChatController;
import org.maiis.server.rag.ChatHistory;
import org.maiis.server.rag.ChatService;
import org.maiis.server.rag.ChatSocket;
import org.maiis.server.rag.KnowledgeBase;
import org.maiis.server.rag.Retrieval;
import org.maiis.server.rag.embed.Embedder;
import org.maiis.server.rag.index.VectorStore;
import org.maiis.server.rag.llm.OllamaChat;
import org.maiis.server.storage.LocalStorage;
import org.maiis.server.storage.MeteredStorage;
import org.maiis.server.storage.ObjectStorage;
import org.maiis.server.storage.S3Storage;
import org.maiis.server.voice.Voice;
import org.maiis.server.voice.VoiceChat;
import org.maiis.server.voice.VoiceController;
import org.maiis.server.voice.VoiceSocket;
import org.maiis.server.work.Bulkhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform API: assembles the database, shared state, storage, services and routes from {@link
 * ServerConfig}, and runs them on Javalin until {@link #close()}.
 */
public final class MaiisServer implements AutoCloseable {
  /** How long a stop waits for in-flight requests to finish. */
  public static final long DRAIN_MILLIS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(MaiisServer.class);
  private final Javalin app;
  private final Database db;
  private final SharedState state;
  private final SentryReporting sentry;
  private final ObjectStorage storage;
  private final VectorStore vectors;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "maiis-kb-prepare");
            t.setDaemon(true);
            return t;
          });
  private final List<String> routes;
  private final Bulkhead documentWork;
  private final ScheduledExecutorService timer;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private MaiisServer(
      Javalin app,
      Database db,
      SharedState state,
      SentryReporting sentry,
      ObjectStorage storage,
      VectorStore vectors,
      List<String> routes,
      ScheduledExecutorService timer,
      Bulkhead documentWork) {
    this.documentWork = documentWork;
    this.app = app;
    this.timer = timer;
    this.storage = storage;
    this.vectors = vectors;
    this.db = db;
    this.state = state;
    this.sentry = sentry;
    this.routes = routes;
  }

  /**
   * Starts the server on {@code server.listen} (port 0 picks a free one), reporting to Sentry when
   * {@code sentry.dsn} is set.
   *
   * @param env resolves secret references
   */
  public static MaiisServer start(MaiisConfig maiis, Function<String, String> env)
      throws IOException {
    ServerConfig config = maiis.server();
    String environment = maiis.site().environment();
    Path dataDir = Files.createDirectories(config.dataDir());
    Clock clock = Clock.systemUTC();
    PrometheusRegistry registry = new PrometheusRegistry();
    MaiisMetrics metrics = null;
    Instrumentation instr = Instrumentation.NONE;
    if (config.metricsEnabled()) {
      metrics = MaiisMetrics.register(registry, new BuildInfo(version(), environment), dataDir);
      MaiisMetrics.registerJvm(registry);
      instr = Instrumentation.of(metrics);
      // The certificates maiis ssl manages on this host, when it can read them.
      Path certs = maiis.tls().certDir();
      if (Files.isDirectory(certs.resolve("live")) && Files.isReadable(certs.resolve("live"))) {
        registry.register(new CertificateCollector(new CertificateStore(certs)));
      }
    }

    Database db = Database.open(config.database(), dataDir, env);
    // Deadlines: unauthenticated WebSockets, language-model streams that outlive their timeout.
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "maiis-deadlines");
              t.setDaemon(true);
              return t;
            });
    SharedState state = null;
    Bulkhead documentWork = null;
    SentryReporting sentry = null;
    ObjectStorage storage = null;
    VectorStore vectors = null;
    try {
      sentry = SentryReporting.start(SentrySettings.from(maiis.sentry(), env), LOG::info);
      Transactions tx = new Transactions(db, instr);
      state = new MeteredState(sharedState(config, env, tx, clock), instr);
      SharedState shared = state;
      storage =
          new MeteredStorage(
              config.storage().type() == ServerConfig.StorageType.S3
                  ? S3Storage.connect(config.storage(), env)
                  : new LocalStorage(dataDir.resolve("objects")),
              instr);
      ObjectStorage store = storage;
      byte[] key = JwtSecret.load(config.jwtSecret(), dataDir, env);

      ObjectMapper mapper = Json.mapper();
      Bodies bodies = new Bodies(mapper);
      ServerConfig.Auth authCfg = config.auth();
      Sessions sessions = new Sessions(state, authCfg.refreshTokenTtl());
      AccessTokens tokens = new AccessTokens(key, authCfg.accessTokenTtl(), clock);
      UserRepository users = new UserRepository(tx);
      Authenticator authenticator = new Authenticator(tokens, sessions, users, instr);
      AuthService auth =
          new AuthService(
              users,
              new Passwords(10),
              tokens,
              sessions,
              new LoginThrottle(state, authCfg.loginFailures(), authCfg.loginWindow()),
              clock,
              instr);
      Accounts accounts = new Accounts();
      Ledger ledger = new Ledger();
      AccountService accountService =
          new AccountService(tx, accounts, ledger, config.banking(), clock);
      MoneyMovements movements =
          new MoneyMovements(
              tx, accounts, ledger, new Idempotency(), mapper, config.banking(), clock);

      // One client for every remote provider (Ollama, Qdrant, Whisper, ElevenLabs); each request
      // sets its own timeout. HTTP/1.1: the providers' APIs, and the fakes the tests run, speak it.
      HttpClient providers =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      Embedder embedder = Retrieval.embedder(config, providers, mapper, instr);
      vectors = Retrieval.store(config, tx, embedder, providers, mapper, env);
      KnowledgeBase kb = new KnowledgeBase(tx, embedder, vectors, instr);
      VectorStore vectorStore = vectors;
      long maxUpload = config.documents().maxUploadSize().bytes();
      Ocr ocr =
          new Ocr(new Executables(env).find("tesseract"), config.documents().ocrTimeout(), instr);
      if (!ocr.available()) {
        LOG.warn("tesseract is not installed: images and scanned PDF pages will not be read");
      }
      ServerConfig.Documents docCfg = config.documents();
      // One bounded pool for extraction, OCR and embedding: a burst of uploads waits here (or is
      // refused with 503) instead of taking the threads and connections banking needs.
      documentWork = new Bulkhead("documents", docCfg.workers(), docCfg.queue());
      Bulkhead docWork = documentWork;
      DocumentService documents =
          new DocumentService(
              tx,
              storage,
              new TextExtractor(ocr, docCfg.maxExtractedChars(), instr),
              kb,
              docWork,
              new UploadQuota(state, docCfg.dailyUploadBytes().bytes(), clock),
              clock,
              instr);
      Instrumentation metricsSink = instr;
      ServerConfig.Llm llmCfg = config.llm();
      Optional<OllamaChat> llm =
          llmCfg
              .ollamaUrl()
              .map(
                  url ->
                      new OllamaChat(
                          url, llmCfg.model(), llmCfg.timeout(), providers, timer, metricsSink));
      ChatHistory chatHistory = new ChatHistory(tx, mapper, clock);
      ChatService chat = new ChatService(kb, llm, chatHistory, metricsSink);
      WebSocketAuth wsAuth =
          new WebSocketAuth(authenticator, timer, WebSocketAuth.AUTH_WINDOW, metricsSink);
      Voice speech = Voice.from(config.speech(), env, providers, instr);
      VoiceChat voiceChat = new VoiceChat(speech, chat::answer);
      VoiceSocket voiceSocket = new VoiceSocket(voiceChat, wsAuth, instr);

      ClientAddress clients = new ClientAddress(config.trustedProxies());
      List<String> routes = Collections.synchronizedList(new ArrayList<>());
      MaiisMetrics m = metrics;
      Javalin app =
          Javalin.create(
              cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.jsonMapper(new JavalinJackson(mapper, false));
                cfg.http.maxRequestSize = Bodies.MAX_BODY_BYTES;
                // A known path with the wrong method is 405 (with Allow), not "no such route".
                cfg.http.prefer405over404 = true;
                // Uploads are multipart, bounded here; JSON bodies keep the 1 MiB limit above.
                cfg.jetty.multipartConfig.maxTotalRequestSize(
                    Math.max(
                        DocumentController.maxRequestBytes(maxUpload),
                        VoiceController.maxRequestBytes()),
                    SizeUnit.BYTES);
                cfg.contextResolver.ip =
                    ctx -> clients.of(ctx.req().getRemoteAddr(), ctx.header("X-Real-IP"));
                cfg.staticFiles.enableWebjars();
                cfg.jetty.modifyServer(
                    server -> {
                      server.setStopTimeout(DRAIN_MILLIS);
                      server.setErrorHandler(new JettyErrors(mapper));
                    });
                cfg.events.handlerAdded(
                    h -> routes.add(h.getHttpMethod().name() + " " + h.getPath()));
                // A WebSocket is served on the GET of its upgrade request.
                cfg.events.wsHandlerAdded(
                    h -> {
                      if (h.getHandlerType() == WsHandlerType.WEBSOCKET) {
                        routes.add("GET " + h.getPath());
                      }
                    });
                if (m != null) {
                  cfg.registerPlugin(new MetricsPlugin(registry, m.http()));
                }
                cfg.registerPlugin(new SentryPlugin());
                ErrorResponses.install(cfg.routes);
                cfg.routes.after(
                    ctx -> {
                      ctx.header("X-Content-Type-Options", "nosniff");
                      if (ctx.path().startsWith("/api/") && !ctx.path().startsWith("/api/docs")) {
                        ctx.header("Cache-Control", "no-store");
                      }
                    });
                new HealthController(db, shared, store, vectorStore, dataDir).register(cfg.routes);
                new AuthController(auth, authenticator, bodies).register(cfg.routes);
                new BankingController(accountService, movements, authenticator, bodies, mapper)
                    .register(cfg.routes);
                new DocumentController(
                        documents,
                        new DocumentOcr(documents, ocr, maxUpload, docWork, metricsSink),
                        authenticator,
                        maxUpload)
                    .register(cfg.routes);
                new ChatController(chat, chatHistory, authenticator, bodies, mapper)
                    .register(cfg.routes);
                new ChatSocket(chat, wsAuth, mapper, metricsSink).register(cfg.routes);
                new IngestController(tx, kb, documents, authenticator, bodies, docWork)
                    .register(cfg.routes);
                new VoiceController(speech, voiceChat, authenticator).register(cfg.routes);
                voiceSocket.register(cfg.routes);
                new ApiDocs().register(cfg.routes);
              });
      app.start(config.host(), config.port());
      MaiisServer server =
          new MaiisServer(
              app, db, state, sentry, storage, vectors, List.copyOf(routes), timer, documentWork);
      server.prepareKnowledgeBase(embedder, kb);
      return server;
    } catch (IOException | RuntimeException e) {
      if (state != null) {
        state.close();
      }
      if (sentry != null) {
        sentry.close();
      }
      if (storage != null) {
        storage.close();
      }
      if (vectors != null) {
        vectors.close();
      }
      if (documentWork != null) {
        documentWork.close();
      }
      db.close();
      timer.shutdownNow();
      throw e;
    }
  }

  // In the background so the port opens at once: loads the embedding model (the first query would
  // pay ~1 s otherwise), fills an empty Qdrant collection from the table, and embeds chunks
  // stored before vectors existed or under another model.
  private void prepareKnowledgeBase(Embedder embedder, KnowledgeBase kb) {
    background.execute(
        () -> {
          try {
            embedder.warmUp();
            int copied = kb.loadStore();
            if (copied > 0) {
              LOG.info("copied {} stored vectors into the new vector store", copied);
            }
            int embedded = kb.backfill();
            if (embedded > 0) {
              LOG.info("embedded {} knowledge-base chunks that had no vector", embedded);
            }
          } catch (RuntimeException e) {
            if (!closed.get()) {
              LOG.warn("could not prepare the knowledge base: {}", e.getMessage());
            }
          }
        });
  }

  // Redis when configured (shared by every instance); otherwise the database, so revocations and
  // throttles survive a restart.
  private static SharedState sharedState(
      ServerConfig config, Function<String, String> env, Transactions tx, Clock clock) {
    return config
        .cache()
        .redisUrl()
        .<SharedState>map(
            url -> RedisState.connect(url, config.cache().password().map(p -> p.resolve(env))))
        .orElseGet(() -> new DatabaseState(tx, clock));
  }

  private static String version() {
    String v = MaiisServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Every registered route as "METHOD /path", in registration order. */
  public List<String> routes() {
    return routes;
  }

  /** Stops accepting requests, drains in-flight ones, then closes the pool and shared state. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    app.stop();
    timer.shutdownNow();
    background.shutdownNow();
    documentWork.close();
    state.close();
    storage.close();
    vectors.close();
    db.close();
    sentry.flush(2000);
    sentry.close();
  }
}
