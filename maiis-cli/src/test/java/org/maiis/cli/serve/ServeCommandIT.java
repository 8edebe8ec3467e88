package org.maiis.cli.serve;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.MaiisJar;

/**
 * The shaded jar as a user runs it: {@code maiis serve --port 0 --data-dir DIR} in a fresh
 * directory answers on loopback, keeps its state under DIR, and stops cleanly on SIGTERM.
 */
class ServeCommandIT {
  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+) ");

  @Test
  void servesFromAFreshDirectoryAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("state");
    Process p =
        new ProcessBuilder(MaiisJar.command("serve", "--port", "0", "--data-dir", data.toString()))
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      int port = -1;
      try (BufferedReader err =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; port < 0 && (line = err.readLine()) != null; ) {
          Matcher m = SERVING.matcher(line);
          if (m.find()) {
            port = Integer.parseInt(m.group(1));
          }
        }
        assertTrue(port > 0, "no 'serving' line on stderr");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> ready =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"h2\""), ready.body());
        assertTrue(Files.isDirectory(data.resolve("db")));
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("jwt.secret"))));
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
      }
    } finally {
      p.destroyForcibly();
    }
  }
}
