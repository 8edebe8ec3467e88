package org.maiis.server.api;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.maiis.testing.ExternalTools;

/**
 * Where the server under test keeps its state: the embedded defaults (H2, in-process), or the
 * PostgreSQL and Redis that .ci/run starts (URLs from MAIIS_TEST_PG_URL, MAIIS_TEST_PG_USER,
 * MAIIS_TEST_PG_PASSWORD and MAIIS_TEST_REDIS_URL).
 *
 * @param name h2 or postgres
 * @param serverYaml lines under {@code server:} that select the backends
 * @param env environment the config's secret references resolve against
 * @param resetSharedState clears throttling counters shared between servers
 */
record Backend(
    String name, String serverYaml, Function<String, String> env, Runnable resetSharedState) {

  static Backend embedded() {
    return new Backend("h2", "", System::getenv, () -> {});
  }

  static Backend postgresAndRedis() {
    ExternalTools.SYSTEM.require("pg_ctlcluster", "postgresql");
    ExternalTools.SYSTEM.require("redis-server", "redis-server");
    Map<String, String> env = System.getenv();
    String pg = env.get("MAIIS_TEST_PG_URL");
    String redis = env.get("MAIIS_TEST_REDIS_URL");
    if (pg == null || redis == null) {
      String message =
          "MAIIS_TEST_PG_URL and MAIIS_TEST_REDIS_URL are not set (.ci/run starts PostgreSQL and"
              + " Redis and sets them)";
      if (ExternalTools.SYSTEM.required()) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    String yaml =
        "  database:\n"
            + "    url: "
            + pg
            + "\n    user: "
            + env.getOrDefault("MAIIS_TEST_PG_USER", "maiis")
            + "\n    password: ${MAIIS_TEST_PG_PASSWORD}\n"
            + "  cache:\n"
            + "    redis_url: "
            + redis
            + "\n";
    return new Backend(
        "postgres",
        yaml,
        System::getenv,
        () -> {
          java.net.URI u = java.net.URI.create(redis);
          // The URI's path selects the database (redis://host:port/1), as for the server.
          try (var j = new redis.clients.jedis.Jedis(u)) {
            for (String k : j.keys("maiis:loginfail:*")) {
              j.del(k);
            }
          }
        });
  }
}
