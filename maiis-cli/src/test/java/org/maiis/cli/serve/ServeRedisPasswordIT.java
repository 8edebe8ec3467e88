package org.maiis.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.MaiisJar;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;

/**
 * A wrong Redis password stops {@code maiis serve} at start with one line, instead of a server that
 * starts, reports unready and answers every login 503.
 */
class ServeRedisPasswordIT {

  @Test
  void aWrongRedisPasswordFailsAtStartInOneLine(@TempDir Path dir) throws Exception {
    ExternalTools.SYSTEM.require("redis-server", "redis-server");
    int redisPort = LoopbackPorts.free();
    Process redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(redisPort),
                "--bind",
                "127.0.0.1",
                "--requirepass",
                "the-right-one",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    try {
      awaitListening(redisPort);
      Path yaml = dir.resolve("maiis.yaml");
      Files.writeString(
          yaml,
          "server:\n  listen: 127.0.0.1:"
              + LoopbackPorts.free()
              + "\n  data_dir: "
              + dir.resolve("data")
              + "\n  cache:\n    redis_url: redis://127.0.0.1:"
              + redisPort
              + "/0\n    password: ${TEST_REDIS_PASSWORD}\n");
      MaiisJar.Run r =
          MaiisJar.run(
              dir, Map.of("TEST_REDIS_PASSWORD", "a-wrong-one"), "serve", "-c", yaml.toString());
      assertEquals(1, r.code(), r.err());
      assertEquals(
          "maiis serve: Redis at 127.0.0.1:"
              + redisPort
              + " refused the password (server.cache.password or the password in redis_url)."
              + " Set the one Redis expects.",
          r.err().strip());
      assertFalse(r.err().contains("Exception"), r.err());
      assertFalse(Files.exists(dir.resolve("data")), "the data dir this failed start created");
    } finally {
      redis.destroy();
      redis.waitFor();
    }
  }

  private static void awaitListening(int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("redis-server did not listen on " + port);
  }
}
