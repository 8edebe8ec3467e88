package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** Login throttling per account and per client address (2 per account, 8 per address). */
abstract class LoginThrottleContract {
  @TempDir Path dir;
  @AutoClose Harness h;

  abstract Backend backend();

  @BeforeEach
  void start() throws Exception {
    Backend b = backend();
    b.resetSharedState().run();
    h = Harness.start(dir, b, "  auth:\n    login_failures: 2\n    login_window: 10m\n");
  }

  /** A login with {@code password}, as a direct client. */
  private Res login(String email, String password) {
    return h.api.post("/api/auth/login", null, Map.of("email", email, "password", password));
  }

  /** A login with {@code password}, from {@code clientAddress} behind the proxy. */
  private Res login(String email, String password, String clientAddress) {
    return h.api.post(
        "/api/auth/login",
        null,
        Map.of("email", email, "password", password),
        "X-Real-IP",
        clientAddress);
  }

  @Test
  void anAccountIsThrottledEvenForTheRightPassword() {
    Session s = h.api.newUser();
    for (int i = 0; i < 2; i++) {
      assertEquals(401, login(s.email(), "Wr0ng-pass!").status());
    }
    Res blocked = login(s.email(), Api.PASSWORD);
    assertEquals(429, blocked.status());
    assertEquals("too_many_requests", blocked.code());
    long retry = Long.parseLong(blocked.header("Retry-After"));
    assertTrue(retry > 0 && retry <= 600, "Retry-After " + retry);
  }

  @Test
  void anAddressIsThrottledAcrossAccounts() {
    for (int i = 0; i < 8; i++) {
      String email = "n" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      assertEquals(401, login(email, "Wr0ng-pass!").status());
    }
    Res blocked = login("fresh@example.com", "Wr0ng-pass!");
    assertEquals(429, blocked.status());
  }

  @Test
  void behindTheProxyEachClientAddressHasItsOwnBudget() {
    for (int i = 0; i < 8; i++) {
      String email = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      Res r = login(email, "Wr0ng-pass!", "203.0.113.10");
      assertEquals(401, r.status());
    }
    Res blocked = login("q@example.com", "Wr0ng-pass!", "203.0.113.10");
    assertEquals(429, blocked.status());
    Res otherClient = login("q@example.com", "Wr0ng-pass!", "203.0.113.11");
    assertEquals(401, otherClient.status(), "another client behind the proxy is not throttled");
  }

  @Test
  void sixtyParallelGuessesGetExactlyTheLimitChecked() throws Exception {
    Session s = h.api.newUser();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(60);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int n = i;
      answers.add(
          pool.submit(
              () -> {
                go.await();
                // Each from its own address behind the proxy: only the account budget applies.
                return login(s.email(), "Wr0ng-pass!", "198.51.100." + (n + 1)).status();
              }));
    }
    go.countDown();
    Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
    for (var f : answers) {
      byStatus.merge(f.get(60, java.util.concurrent.TimeUnit.SECONDS), 1, Integer::sum);
    }
    pool.shutdown();
    assertEquals(Map.of(401, 2, 429, 58), byStatus, "login_failures is 2");
  }
}
