package org.maiis.server;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.maiis.config.MaiisConfig;
import org.maiis.config.ServerConfig;
import org.maiis.sentry.SentryReporting;
import org.maiis.sentry.SentrySettings;
import org.maiis.server.auth.AuthModule;
import org.maiis.server.banking.BankingModule;
import org.maiis.server.docs.ApiDocs;
import org.maiis.server.documents.DocumentsModule;
import org.maiis.server.health.HealthController;
import org.maiis.server.metrics.ServerMetrics;
import org.maiis.server.platform.Platform;
import org.maiis.server.platform.ServerModule;
import org.maiis.server.rag.RagModule;
import org.maiis.server.voice.VoiceModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform API: reads {@link ServerConfig}, builds the shared {@link Platform}, lists the
 * areas' modules, and runs their routes on Javalin until {@link #close()}.
 */
public final class MaiisServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MaiisServer.class);
  private final Javalin app;
  private final Platform platform;
  private final List<ServerModule> modules;
  private final SentryReporting sentry;
  private final List<String> routes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MaiisServer(
      Javalin app,
      Platform platform,
      List<ServerModule> modules,
      SentryReporting sentry,
      List<String> routes) {
    this.app = app;
    this.platform = platform;
    this.modules = modules;
    this.sentry = sentry;
    this.routes = routes;
  }

  /**
   * Starts the server on {@code server.listen} (port 0 picks a free one), reporting to Sentry when
   * {@code sentry.dsn} is set.
   *
   * @param env resolves secret references
   * @throws PortInUseException before anything is opened or created, when the port is taken
   */
  public static MaiisServer start(MaiisConfig maiis, Function<String, String> env)
      throws IOException {
    ServerConfig config = maiis.server();
    // Before the database is opened (migrations can take long) and before any directory exists.
    PortInUseException.checkFree(config.host(), config.port());
    return FreshDataDir.run(config.dataDir(), dir -> startIn(maiis, dir, env));
  }

  private static MaiisServer startIn(MaiisConfig maiis, Path dataDir, Function<String, String> env)
      throws IOException {
    ServerConfig config = maiis.server();
    ServerMetrics metrics = ServerMetrics.register(maiis, dataDir, version());
    Platform p = Platform.open(config, dataDir, env, Clock.systemUTC(), metrics.catalog());
    List<ServerModule> modules = new ArrayList<>();
    SentryReporting sentry = null;
    try {
      sentry = SentryReporting.start(SentrySettings.from(maiis.sentry(), env), LOG::info);
      AuthModule auth = new AuthModule(p);
      modules.add(auth);
      RagModule rag = new RagModule(p, auth.authenticator(), auth.webSockets());
      modules.add(new HealthController(p.db(), p.state(), p.storage(), rag.vectors(), dataDir));
      modules.add(new BankingModule(p, auth.authenticator()));
      modules.add(new DocumentsModule(p, auth.authenticator(), rag.knowledgeBase()));
      modules.add(rag);
      modules.add(new VoiceModule(p, auth.authenticator(), auth.webSockets(), rag.chat()));
      modules.add(new ApiDocs());

      List<String> routes = Collections.synchronizedList(new ArrayList<>());
      Javalin app = ServerApp.create(config, p, metrics, modules, routes);
      try {
        app.start(config.host(), config.port());
      } catch (JavalinBindException e) {
        // Taken between the early check and now.
        throw new PortInUseException(config.host(), config.port(), e);
      }
      return new MaiisServer(app, p, List.copyOf(modules), sentry, List.copyOf(routes));
    } catch (IOException | RuntimeException e) {
      closeAll(modules, p, sentry);
      throw e;
    }
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

  /** Stops accepting requests, drains in-flight ones, then closes the areas and shared parts. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    app.stop();
    closeAll(modules, platform, sentry);
  }

  // The areas in reverse order of construction, then the shared parts they used.
  private static void closeAll(List<ServerModule> modules, Platform p, SentryReporting sentry) {
    for (int i = modules.size() - 1; i >= 0; i--) {
      try {
        modules.get(i).close();
      } catch (RuntimeException e) {
        // One area failing to close must not leave the others (and the database) open.
        LOG.warn("could not close {}: {}", modules.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    p.close();
    if (sentry != null) {
      sentry.flush(2000);
      sentry.close();
    }
  }
}
