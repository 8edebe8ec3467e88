package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.Secret;
import org.maiis.config.ServerConfig;
import org.maiis.server.api.Api.Res;
import org.maiis.server.storage.S3Storage;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;

/** Object storage on a real S3-compatible server (s3rver from npm) on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StorageIT {
  // s3rver's fixed development credentials.
  private static final Function<String, String> ENV =
      k -> k.startsWith("MAIIS_TEST_S3_") ? "S3RVER" : System.getenv(k);
  private Process s3rver;
  private int port;
  private Path root;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path bin =
        ExternalTools.SYSTEM.require("s3rver", "npm install -g s3rver@3.7.1 (needs nodejs npm)");
    port = LoopbackPorts.free();
    root = Files.createDirectories(dir.resolve("s3"));
    s3rver =
        new ProcessBuilder(
                bin.toString(),
                "-d",
                root.toString(),
                "-a",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "--silent")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3rver.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        assertTrue(
            s3rver.isAlive(), "s3rver exited: " + Files.readString(dir.resolve("s3rver.log")));
        Thread.sleep(100);
      }
    }
    fail("s3rver did not listen on " + port);
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (s3rver != null) {
      s3rver.destroy();
      s3rver.waitFor();
    }
  }

  private ServerConfig.Storage config(String bucket) {
    return new ServerConfig.Storage(
        ServerConfig.StorageType.S3,
        Optional.of(java.net.URI.create("http://127.0.0.1:" + port)),
        Optional.of(bucket),
        "us-east-1",
        Secret.parse("${MAIIS_TEST_S3_KEY}"),
        Secret.parse("${MAIIS_TEST_S3_SECRET}"));
  }

  @Test
  void storesUnderGeneratedNamesAndDeletes() throws Exception {
    try (S3Storage s3 = S3Storage.connect(config("maiis-unit"), ENV)) {
      byte[] bytes = "quarterly statement".getBytes(StandardCharsets.UTF_8);
      String name = s3.put(bytes);
      assertTrue(name.matches("[0-9a-f-]{36}"), name);
      assertArrayEquals(bytes, s3.get(name));
      assertNotEquals(name, s3.put(bytes), "every upload gets its own name");
      s3.delete(name);
      assertThrows(IOException.class, () -> s3.get(name));
      assertThrows(IllegalArgumentException.class, () -> s3.get("../../etc/passwd"));
      s3.check();
    }
  }

  @Test
  void theServerUsesS3ForStorageAndReportsIt(@TempDir Path dir) throws Exception {
    Backend backend = new Backend("h2", "", ENV, () -> {});
    String yaml =
        "  storage:\n    type: s3\n    endpoint: http://127.0.0.1:"
            + port
            + "\n    bucket: maiis-server\n    access_key: ${MAIIS_TEST_S3_KEY}\n"
            + "    secret_key: ${MAIIS_TEST_S3_SECRET}\n";
    try (Harness h = Harness.start(dir, backend, yaml)) {
      Res ready = h.api.get("/health/ready", null);
      assertEquals(200, ready.status(), ready.body());
      assertEquals("s3", ready.json().path("checks").path("storage").path("kind").asText());
      assertEquals("up", ready.json().path("checks").path("storage").path("status").asText());
      String metrics = h.api.get("/metrics", null).body();
      assertTrue(
          metrics.contains(
              "storage_operations_total{operation=\"upload\",provider=\"s3\",status=\"success\"}"),
          "s3 uploads counted");
    }
  }
}
