package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.TlsConfig;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.LoopbackPorts;

/**
 * A CA that misbehaves at the HTTP level: every failure is one line naming the CA, the run is
 * bounded, and nothing of the lineage is left behind.
 */
class MisbehavingCaTest {
  @TempDir Path tmp;

  private HttpServer server;
  private final AtomicInteger posts = new AtomicInteger();
  private final List<Duration> sleeps = new ArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A CA whose directory answers with {@code dir} and whose POSTs answer with {@code post}. */
  private URI ca(Responder dir, Responder post) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Replay-Nonce", "nonce" + System.nanoTime());
            if (ex.getRequestMethod().equals("POST")) {
              posts.incrementAndGet();
              post.respond(ex, base);
            } else {
              dir.respond(ex, base);
            }
          }
        });
    server.start();
    return URI.create(base + "/dir");
  }

  interface Responder {
    void respond(HttpExchange ex, String base) throws IOException;
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
  }

  private static final Responder DIRECTORY =
      (ex, base) ->
          send(
              ex,
              200,
              "application/json",
              "{\"newNonce\":\"%s/nonce\",\"newAccount\":\"%s/acct\",\"newOrder\":\"%s/order\"}"
                  .formatted(base, base, base));

  private static Responder problem(String type, String detail, Map<String, String> headers) {
    return (ex, base) -> {
      headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      send(
          ex,
          type.endsWith("rateLimited") ? 429 : 400,
          "application/problem+json",
          "{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\"" + detail + "\"}");
    };
  }

  private CertificateManager.Outcome issue(URI directory) throws IOException {
    CertificateStore store = new CertificateStore(tmp.resolve("certs"));
    Pacing pacing =
        new Pacing(
            Clock.systemUTC(),
            sleeps::add,
            3,
            Duration.ofMillis(1),
            Duration.ofMinutes(2),
            Duration.ofSeconds(5));
    CertificateManager m =
        new CertificateManager(
            store,
            new RenewalPolicy(new TlsConfig.Renewal(true, 1.0 / 3, 0.5), new Random(1)),
            pacing,
            new ProcessRunner(Duration.ofSeconds(5)),
            Duration.ofSeconds(5));
    LineageSettings s =
        new LineageSettings(
            "site",
            List.of("site.test"),
            directory,
            null,
            LineageSettings.Challenge.webroot(tmp.resolve("www")),
            KeyType.EC256,
            null,
            null,
            null);
    CertificateManager.Outcome o =
        m.issue(s, new Accounts.Registration("ops@site.test", null, null));
    assertEquals(CertificateManager.Result.FAILED, o.result(), o.toString());
    assertFalse(Files.exists(store.renewalFile("site")), "no renewal file for a failed issue");
    assertFalse(Files.exists(store.liveDir("site")), "nothing live for a failed issue");
    assertEquals(0, store.lineages().size());
    return o;
  }

  @Test
  void anUnreachableCaIsNamedWithTheReason() throws IOException {
    URI dir = URI.create("http://127.0.0.1:" + LoopbackPorts.free() + "/dir");
    assertEquals(
        "cannot reach the CA at " + dir + ": connection refused or unreachable",
        issue(dir).detail());
    assertEquals(2, sleeps.size(), "three tries, two backoffs: " + sleeps);
  }

  @Test
  void serverErrorsAndGarbageNameTheCa() throws IOException {
    URI dir = ca((ex, b) -> send(ex, 500, "text/html", "<html>oops</html>"), DIRECTORY);
    assertEquals("CA " + dir + ": HTTP 500", issue(dir).detail());
  }

  @Test
  void invalidJsonNamesTheCa() throws IOException {
    URI dir = ca((ex, b) -> send(ex, 200, "application/json", "{not json"), DIRECTORY);
    assertTrue(issue(dir).detail().startsWith("CA " + dir + ": Bad JSON"));
  }

  @Test
  void aDirectoryWithoutNewAccountNamesTheCa() throws IOException {
    URI dir =
        ca(
            (ex, b) -> send(ex, 200, "application/json", "{\"newNonce\":\"" + b + "/nonce\"}"),
            DIRECTORY);
    assertEquals("CA " + dir + ": Server does not support newAccount", issue(dir).detail());
    assertEquals(0, posts.get());
  }

  @Test
  void badNonceForeverIsBounded() throws IOException {
    URI dir = ca(DIRECTORY, problem("badNonce", "stale nonce", Map.of()));
    assertEquals("CA " + dir + ": stale nonce", issue(dir).detail());
    assertTrue(posts.get() <= 33, posts + " POSTs");
  }

  @Test
  void aLongRetryAfterFailsAtOnceAndSaysWhen() throws IOException {
    URI dir = ca(DIRECTORY, problem("rateLimited", "too many", Map.of("Retry-After", "3600")));
    String detail = issue(dir).detail();
    assertTrue(detail.startsWith("CA " + dir + ": rate limited: too many (retry after 20"), detail);
    assertEquals(1, posts.get(), "a long Retry-After is not hammered");
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aShortRetryAfterIsWaitedForABoundedNumberOfTimes() throws IOException {
    URI dir = ca(DIRECTORY, problem("rateLimited", "slow down", Map.of("Retry-After", "2")));
    issue(dir);
    assertEquals(3, posts.get());
    assertEquals(2, sleeps.size(), sleeps.toString());
    for (Duration d : sleeps) {
      assertTrue(d.compareTo(Duration.ofSeconds(3)) <= 0 && !d.isNegative(), d.toString());
    }
  }
}
