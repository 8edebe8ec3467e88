package org.maiis.server.health;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.maiis.server.cache.SharedState;
import org.maiis.server.db.Database;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.platform.ServerModule;
import org.maiis.server.rag.index.VectorStore;
import org.maiis.server.storage.ObjectStorage;

/**
 * {@code /health}: the process answers (liveness). {@code /health/ready}: each backing service is
 * checked for real, with its status and latency; 503 when any is down, so a load balancer stops
 * sending traffic to this instance.
 *
 * @param db the database checked
 * @param cache the shared state checked
 * @param storage the object storage checked
 * @param vectors the vector store checked
 * @param dataDir must have room to write (the embedded database, local documents, the vector index)
 */
public record HealthController(
    Database db, SharedState cache, ObjectStorage storage, VectorStore vectors, Path dataDir)
    implements ServerModule {
  /**
   * One dependency's state.
   *
   * @param status up or down
   * @param kind which implementation (h2, postgresql, memory, redis, local, exact, hnsw, qdrant)
   * @param latencyMs how long the check took
   * @param error what failed, when down (exception type only: no hosts or secrets)
   */
  public record Check(String status, String kind, double latencyMs, String error) {}

  /**
   * The readiness report.
   *
   * @param status ok or degraded
   * @param checks by dependency name
   */
  public record Ready(String status, Map<String, Check> checks) {}

  @FunctionalInterface
  private interface Probe {
    void run() throws Exception;
  }

  /** Below this much free space under the data directory the server is not ready. */
  static final long MIN_FREE_BYTES = 16L << 20;

  /** Registers the routes. */
  @Override
  public void routes(RoutesConfig routes) {
    routes.get("/health", ErrorResponses.handled(ctx -> ctx.json(Map.of("status", "ok"))));
    routes.get("/health/ready", ErrorResponses.handled(this::ready));
  }

  private void ready(Context ctx) {
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put(
        "database",
        check(
            db.embedded() ? "h2" : "postgresql",
            () -> {
              try (var c = db.connection();
                  var st = c.createStatement();
                  var rs = st.executeQuery("SELECT 1")) {
                rs.next();
              }
            }));
    // A full disk refuses every write while SELECT 1 still answers: not ready until there is
    // room again (the check recovers by itself, no restart).
    checks.put("disk", check("data_dir", this::roomToWrite));
    checks.put("cache", check(cache.kind(), cache::ping));
    checks.put("storage", check(storage.kind(), storage::check));
    // Embedded (exact or hnsw): in process, up with the database; Qdrant: its /readyz answers.
    checks.put("vector_store", check(vectors.backend(), vectors::check));
    boolean up = checks.values().stream().allMatch(c -> c.status().equals("up"));
    ctx.status(up ? 200 : 503).json(new Ready(up ? "ok" : "degraded", checks));
  }

  private void roomToWrite() throws IOException {
    long free = Files.getFileStore(dataDir).getUsableSpace();
    if (free < MIN_FREE_BYTES) {
      throw new NotEnoughRoom(free);
    }
  }

  private static Check check(String kind, Probe probe) {
    long start = System.nanoTime();
    try {
      probe.run();
      return new Check("up", kind, millis(start), null);
    } catch (Exception e) {
      return new Check("down", kind, millis(start), reason(e));
    }
  }

  /**
   * Why a check failed, in words: readiness is read by operators and load balancers, and a Java
   * class name tells neither what to do. No hosts or ports either (the body is unauthenticated).
   */
  static String reason(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("WRONGPASS") || m.contains("NOAUTH") || m.contains("invalid password")) {
        return "credentials refused";
      }
      if (t instanceof java.net.SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException
          || m.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
        return "timed out";
      }
    }
    if (e instanceof NotEnoughRoom) {
      return "disk almost full";
    }
    if (e instanceof java.sql.SQLException) {
      return "query failed";
    }
    return "not reachable";
  }

  /** The data directory's file system has less room than a write needs. */
  private static final class NotEnoughRoom extends IOException {
    private static final long serialVersionUID = 1L;

    NotEnoughRoom(long free) {
      super("only " + free + " bytes free");
    }
  }

  private static double millis(long start) {
    return Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
  }
}
