package org.maiis.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At most N banking and auth requests are handled at once; the next waits its turn, others pass.
 */
class AdmissionTest {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpClient client = HttpClient.newHttpClient();
  private Javalin app;

  private void start(Duration maxWait) {
    app =
        Javalin.create(
                cfg -> {
                  Admission.install(cfg, 1, maxWait);
                  cfg.jetty.modifyServer(
                      server -> server.setErrorHandler(new JettyErrors(new ObjectMapper())));
                  cfg.routes.get(
                      "/api/banking/hold",
                      ctx -> {
                        entered.countDown();
                        assertTrue(release.await(30, TimeUnit.SECONDS));
                        ctx.result("held");
                      });
                  cfg.routes.get("/api/auth/me", ctx -> ctx.result("me"));
                  cfg.routes.get("/health", ctx -> ctx.result("ok"));
                  cfg.routes.get("/api/chat/history", ctx -> ctx.result("history"));
                  cfg.routes.post("/api/auth/login", ctx -> ctx.result("login"));
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    release.countDown();
    app.stop();
  }

  private CompletableFuture<HttpResponse<String>> get(String path) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theNextRequestWaitsItsTurnWhileOthersPass() throws Exception {
    start(Duration.ofSeconds(20));
    CompletableFuture<HttpResponse<String>> held = get("/api/banking/hold");
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the first request is being handled");
    CompletableFuture<HttpResponse<String>> next = get("/api/auth/me");

    // Health checks and areas with pools of their own are not held back.
    assertEquals("ok", get("/health").get(10, TimeUnit.SECONDS).body());
    assertEquals("history", get("/api/chat/history").get(10, TimeUnit.SECONDS).body());
    // Nor are logins (a bcrypt each), which would otherwise hold banking back in a burst.
    assertEquals(
        "login",
        client
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/auth/login"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
    assertFalse(next.isDone(), "the second banking/auth request waits for the first");

    release.countDown();
    assertEquals(200, held.get(10, TimeUnit.SECONDS).statusCode());
    HttpResponse<String> served = next.get(10, TimeUnit.SECONDS);
    assertEquals(200, served.statusCode());
    assertEquals("me", served.body());
  }

  @Test
  void aRequestThatWaitsTooLongIsAnswered503() throws Exception {
    start(Duration.ofMillis(200));
    CompletableFuture<HttpResponse<String>> held = get("/api/banking/hold");
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    HttpResponse<String> refused = get("/api/auth/me").get(10, TimeUnit.SECONDS);
    assertEquals(503, refused.statusCode());
    assertEquals("5", refused.headers().firstValue("Retry-After").orElse(""));
    assertTrue(refused.body().contains("\"code\":\"busy\""), refused.body());
    release.countDown();
    assertEquals(200, held.get(10, TimeUnit.SECONDS).statusCode());
  }
}
