package org.maiis.server.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.maiis.config.ServerConfig;
import org.maiis.metrics.MaiisMetrics;
import org.maiis.server.cache.CacheMetrics;
import org.maiis.server.cache.DatabaseState;
import org.maiis.server.cache.MeteredState;
import org.maiis.server.cache.RedisState;
import org.maiis.server.cache.SharedState;
import org.maiis.server.db.Database;
import org.maiis.server.db.DbMetrics;
import org.maiis.server.db.Transactions;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.Json;
import org.maiis.server.storage.LocalStorage;
import org.maiis.server.storage.MeteredStorage;
import org.maiis.server.storage.ObjectStorage;
import org.maiis.server.storage.S3Storage;
import org.maiis.server.storage.StorageMetrics;

/**
 * The parts every area shares, built once per server: config, clock, database, shared state, object
 * storage, JSON, metrics, the deadline timer and the HTTP client for remote providers.
 *
 * @param config the {@code server} section
 * @param dataDir the state directory of the embedded defaults
 * @param env resolves secret references
 * @param providers one client for every remote provider (Ollama, Qdrant, Whisper, ElevenLabs)
 * @param catalog the metric families each area records into; empty when metrics are off
 * @param timer deadlines: unauthenticated WebSockets, language-model streams past their timeout
 */
public record Platform(
    ServerConfig config,
    Path dataDir,
    Function<String, String> env,
    Clock clock,
    Database db,
    Transactions tx,
    SharedState state,
    ObjectStorage storage,
    ObjectMapper mapper,
    Bodies bodies,
    Optional<MaiisMetrics> catalog,
    HttpClient providers,
    ScheduledExecutorService timer)
    implements AutoCloseable {

  /**
   * Opens the database and the stores of {@code config}; on failure closes what it opened.
   *
   * @throws IOException when object storage cannot be opened
   */
  public static Platform open(
      ServerConfig config,
      Path dataDir,
      Function<String, String> env,
      Clock clock,
      Optional<MaiisMetrics> catalog)
      throws IOException {
    Database db = Database.open(config.database(), dataDir, env);
    SharedState state = null;
    try {
      Transactions tx = new Transactions(db, DbMetrics.from(catalog));
      state = new MeteredState(sharedState(config, env, tx, clock), CacheMetrics.from(catalog));
      ObjectStorage storage =
          new MeteredStorage(
              config.storage().type() == ServerConfig.StorageType.S3
                  ? S3Storage.connect(config.storage(), env)
                  : new LocalStorage(dataDir.resolve("objects")),
              StorageMetrics.from(catalog));
      ObjectMapper mapper = Json.mapper();
      // Each request sets its own timeout. HTTP/1.1: the providers' APIs, and the fakes the tests
      // run, speak it.
      HttpClient providers =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      ScheduledExecutorService timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "maiis-deadlines");
                t.setDaemon(true);
                return t;
              });
      return new Platform(
          config,
          dataDir,
          env,
          clock,
          db,
          tx,
          state,
          storage,
          mapper,
          new Bodies(mapper),
          catalog,
          providers,
          timer);
    } catch (IOException | RuntimeException e) {
      if (state != null) {
        state.close();
      }
      db.close();
      throw e;
    }
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

  @Override
  public void close() {
    timer.shutdownNow();
    state.close();
    storage.close();
    db.close();
  }
}
