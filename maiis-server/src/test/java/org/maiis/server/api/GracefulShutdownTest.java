package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/**
 * Stopping the server under load: requests in flight finish (no 5xx, no half-applied movement), new
 * connections are refused, and after a restart on the same data directory the money adds up.
 */
class GracefulShutdownTest {

  @Test
  void stopDrainsInFlightRequestsAndLosesNothing(@TempDir Path dir) throws Exception {
    List<String> accounts = new ArrayList<>();
    Session s;
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    try (Harness h = Harness.start(dir, Backend.embedded(), "")) {
      s = h.api.newUser();
      for (int i = 0; i < 4; i++) {
        accounts.add(h.api.account(s, "checking", "USD", "1000"));
      }
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> load = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        Random rnd = new Random(t);
        load.add(
            pool.submit(
                () -> {
                  while (!stop.get()) {
                    int i = rnd.nextInt(4);
                    int j = (i + 1 + rnd.nextInt(3)) % 4;
                    try {
                      Res r =
                          h.api.post(
                              "/api/banking/transfer",
                              s.access(),
                              Map.of(
                                  "from_account_id", accounts.get(i),
                                  "to_account_id", accounts.get(j),
                                  "amount", new BigDecimal("1.00")),
                              "Idempotency-Key",
                              UUID.randomUUID().toString());
                      statuses
                          .computeIfAbsent(r.status(), k -> new AtomicInteger())
                          .incrementAndGet();
                    } catch (UncheckedIOException e) {
                      refused.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (statuses.getOrDefault(201, new AtomicInteger()).get() < 30) {
        assertTrue(System.nanoTime() < deadline, "30 transfers within a minute: " + statuses);
        Thread.sleep(20);
      }
      h.server.close();
      stop.set(true);
      for (Future<?> f : load) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
    for (int status : statuses.keySet()) {
      assertTrue(
          status == 201 || status == 422, "status " + status + " during shutdown: " + statuses);
    }
    try (Harness again = Harness.start(dir, Backend.embedded(), "")) {
      BigDecimal total = BigDecimal.ZERO;
      for (String a : accounts) {
        BigDecimal balance = again.api.balance(s, a);
        Res last = again.api.get("/api/banking/transactions?limit=1&account_id=" + a, s.access());
        assertEquals(
            0,
            balance.compareTo(
                last.json().path("transactions").get(0).path("balance_after").decimalValue()));
        total = total.add(balance);
      }
      assertEquals(0, new BigDecimal("4000.00").compareTo(total));
    }
  }
}
