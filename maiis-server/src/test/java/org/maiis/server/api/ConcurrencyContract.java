package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/**
 * Many threads move money at random between a few accounts, retrying with the same Idempotency-Key,
 * sometimes twice at once. Afterwards every balance equals its opening balance plus the effects of
 * the distinct transactions that succeeded: nothing lost, nothing created, nothing applied twice,
 * nothing negative.
 */
abstract class ConcurrencyContract {
  static final int THREADS = 8;
  static final int OPS_PER_THREAD = 40;
  static final BigDecimal OPENING = new BigDecimal("200.00");

  abstract Backend backend();

  /**
   * One account and its owner.
   *
   * @param owner the owner's session
   * @param id account id
   */
  record Acc(Session owner, String id) {}

  @Test
  void concurrentMovementsConserveMoneyAndApplyOnce(@TempDir Path dir) throws Exception {
    try (Harness h =
        Harness.start(
            dir,
            backend(),
            "  banking:\n    max_transaction: 1000000\n    daily_limit: 1000000000\n")) {
      Api api = h.api;
      List<Acc> accounts = new ArrayList<>();
      for (int u = 0; u < 2; u++) {
        Session s = api.newUser();
        for (int a = 0; a < 3; a++) {
          accounts.add(new Acc(s, api.account(s, "checking", "USD", OPENING.toPlainString())));
        }
      }
      // Effects of each distinct successful transaction, by transaction id.
      Map<String, Map<String, BigDecimal>> effects = new ConcurrentHashMap<>();
      AtomicInteger replays = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = 1000L + t;
        work.add(
            pool.submit(
                () -> {
                  Random rnd = new Random(seed);
                  for (int i = 0; i < OPS_PER_THREAD; i++) {
                    Acc from = accounts.get(rnd.nextInt(accounts.size()));
                    Acc to = accounts.get(rnd.nextInt(accounts.size()));
                    BigDecimal amount = BigDecimal.valueOf(1 + rnd.nextInt(6000), 2);
                    int kind = rnd.nextInt(4);
                    String path;
                    Map<String, Object> body;
                    if (kind == 0) {
                      path = "/api/banking/deposit";
                      body = Map.of("account_id", from.id(), "amount", amount);
                    } else if (kind == 1) {
                      path = "/api/banking/withdraw";
                      body = Map.of("account_id", from.id(), "amount", amount);
                    } else {
                      if (to.id().equals(from.id())) {
                        continue;
                      }
                      path = "/api/banking/transfer";
                      body =
                          Map.of(
                              "from_account_id",
                              from.id(),
                              "to_account_id",
                              to.id(),
                              "amount",
                              amount);
                    }
                    String key = UUID.randomUUID().toString();
                    boolean racing = rnd.nextInt(8) == 0;
                    Future<Res> twin =
                        racing
                            ? pool.submit(() -> untilSettled(api, from.owner(), path, body, key))
                            : null;
                    Res r = untilSettled(api, from.owner(), path, body, key);
                    List<Res> all = new ArrayList<>(List.of(r));
                    if (twin != null) {
                      all.add(twin.get(60, TimeUnit.SECONDS));
                    }
                    if (rnd.nextInt(4) == 0) {
                      all.add(untilSettled(api, from.owner(), path, body, key));
                    }
                    // An error is not stored under the key, so a racing twin may still succeed
                    // after the first attempt was refused; every success must be the same one.
                    List<Res> ok = all.stream().filter(x -> x.status() == 201).toList();
                    for (Res x : all) {
                      if (x.status() != 201) {
                        assertEquals(422, x.status(), x.body());
                        assertEquals("insufficient_funds", x.code());
                      }
                    }
                    if (ok.isEmpty()) {
                      refused.incrementAndGet();
                    } else {
                      for (Res other : ok) {
                        assertEquals(
                            ok.get(0).json(),
                            other.json(),
                            "a retry must replay the same response");
                      }
                      if (ok.size() > 1) {
                        replays.incrementAndGet();
                      }
                      record(effects, ok.get(0), kind, amount, from, to);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();

      BigDecimal totalExpected = BigDecimal.ZERO;
      BigDecimal totalActual = BigDecimal.ZERO;
      for (Acc a : accounts) {
        BigDecimal expected = OPENING;
        int movements = 0;
        for (Map<String, BigDecimal> e : effects.values()) {
          if (e.containsKey(a.id())) {
            expected = expected.add(e.get(a.id()));
            movements++;
          }
        }
        BigDecimal actual = api.balance(a.owner(), a.id());
        assertTrue(actual.signum() >= 0, "negative balance " + actual);
        assertEquals(
            0, expected.compareTo(actual), "account balance " + actual + " expected " + expected);
        Res lines =
            api.get("/api/banking/transactions?limit=1&account_id=" + a.id(), a.owner().access());
        assertEquals(
            1 + movements, lines.json().path("total").asInt(), "ledger lines of one account");
        if (movements > 0) {
          assertEquals(
              0,
              actual.compareTo(
                  lines.json().path("transactions").get(0).path("balance_after").decimalValue()));
        }
        totalExpected = totalExpected.add(expected);
        totalActual = totalActual.add(actual);
      }
      assertEquals(0, totalExpected.compareTo(totalActual));
      assertTrue(
          effects.size() > THREADS * OPS_PER_THREAD / 3,
          "too few movements succeeded: " + effects.size());
      assertTrue(replays.get() > 0, "no retries were exercised");
    }
  }

  private static void record(
      Map<String, Map<String, BigDecimal>> effects,
      Res r,
      int kind,
      BigDecimal amount,
      Acc from,
      Acc to) {
    String txId = r.json().path("transaction").path("id").asText();
    Map<String, BigDecimal> e = new ConcurrentHashMap<>();
    if (kind == 0) {
      e.put(from.id(), amount);
    } else if (kind == 1) {
      e.put(from.id(), amount.negate());
    } else {
      e.put(from.id(), amount.negate());
      e.put(to.id(), amount);
    }
    assertNull(effects.put(txId, e), "transaction id seen twice as a fresh movement");
  }

  /** Sends until the answer is not 503 busy (the client's retry loop, same key). */
  private static Res untilSettled(
      Api api, Session s, String path, Map<String, Object> body, String key) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Res r = api.post(path, s.access(), body, "Idempotency-Key", key);
      if (r.status() != 503) {
        return r;
      }
      try {
        Thread.sleep(10L * (attempt + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("still busy after 20 attempts");
  }
}
