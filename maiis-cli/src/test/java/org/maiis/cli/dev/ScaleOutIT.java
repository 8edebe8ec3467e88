package org.maiis.cli.dev;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.dev.Endpoint.Res;

/**
 * Scale-out: two API instances behind the rendered nginx (see {@link ScaleOutStack}) act as one
 * service. Sessions, revocations, documents and money live in the shared PostgreSQL, Redis and S3
 * store, so it does not matter which instance answers; and when one instance dies mid-run, no
 * transfer sent with an Idempotency-Key is lost or applied twice.
 *
 * <p>The retry policy this proves: nginx passes a request to the other instance when it could not
 * reach the first (proxy_next_upstream error timeout), but never resends a POST that reached an
 * instance; the client repeats such a request with the same Idempotency-Key, and the API either
 * performs it (the first attempt rolled back with its instance) or replays the stored result.
 */
class ScaleOutIT {
  private static final String PASSWORD = "Corr3ct-Horse!";
  private static final int ACCOUNTS = 4;
  private static final BigDecimal OPENING = new BigDecimal("1000.00");

  @Test
  void twoInstancesBehindNginxActAsOne(@TempDir Path dir) throws Exception {
    try (ScaleOutStack stack = ScaleOutStack.start(dir)) {
      var client = stack.client();
      Endpoint front = new Endpoint(client, "https://localhost:" + stack.https);
      Endpoint a = new Endpoint(client, "http://127.0.0.1:" + stack.apiA);
      Endpoint b = new Endpoint(client, "http://127.0.0.1:" + stack.apiB);
      String email = "scale-" + UUID.randomUUID() + "@example.com";
      Res signup =
          front.post(
              "/api/auth/signup",
              null,
              Map.of("email", email, "password", PASSWORD, "full_name", "Scale Out"));
      assertEquals(201, signup.status(), signup.toString());

      sessionsHoldOnBothInstances(front, a, b, email);
      String token = login(front, email).text("access_token");
      documentsAreShared(stack, front, a, b, token);

      List<String> accounts = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        Res r =
            front.post(
                "/api/banking/accounts",
                token,
                Map.of("account_type", "checking", "currency", "USD", "initial_balance", "1000"));
        assertEquals(201, r.status(), r.toString());
        accounts.add(r.text("id"));
      }
      transfersSpreadOverBothAndConserveMoney(stack, front, token, accounts);
      killingAnInstanceLosesNoIdempotentTransfer(stack, front, token, accounts);
    }
  }

  /**
   * A token issued by one instance passes on the other; a refresh-token reuse detected on one and a
   * logout on the other hold everywhere, because both share the signing key and Redis.
   */
  private static void sessionsHoldOnBothInstances(
      Endpoint front, Endpoint a, Endpoint b, String email) throws Exception {
    Res fromA = login(a, email);
    Res fromB = login(b, email);
    for (Endpoint e : List.of(a, b, front)) {
      assertEquals(200, e.get("/api/auth/me", fromA.text("access_token")).status(), e.base());
      assertEquals(200, e.get("/api/auth/me", fromB.text("access_token")).status(), e.base());
    }

    // Rotate A's refresh token on A, then replay the used one on B: B sees the reuse and revokes
    // the family, so the fresh token A just issued is refused on A too.
    String used = fromA.text("refresh_token");
    Res rotated = a.post("/api/auth/refresh", null, Map.of("refresh_token", used));
    assertEquals(200, rotated.status(), rotated.toString());
    Res replay = b.post("/api/auth/refresh", null, Map.of("refresh_token", used));
    assertEquals(401, replay.status(), replay.toString());
    Res fresh =
        a.post("/api/auth/refresh", null, Map.of("refresh_token", rotated.text("refresh_token")));
    assertEquals(401, fresh.status(), "revoked on B, refused on A: " + fresh);

    // Log out on B: the access token and refresh token issued by B are refused on A and through
    // nginx.
    String access = fromB.text("access_token");
    Res logout =
        b.post("/api/auth/logout", access, Map.of("refresh_token", fromB.text("refresh_token")));
    assertEquals(200, logout.status(), logout.toString());
    assertEquals(401, a.get("/api/auth/me", access).status());
    assertEquals(401, front.get("/api/auth/me", access).status());
    assertEquals(
        401,
        a.post("/api/auth/refresh", null, Map.of("refresh_token", fromB.text("refresh_token")))
            .status());
  }

  /**
   * A document uploaded to A is stored in the shared bucket and indexed in the shared database: B
   * (and nginx) answer a question from it, and B's delete removes it from the bucket.
   */
  private static void documentsAreShared(
      ScaleOutStack stack, Endpoint front, Endpoint a, Endpoint b, String token) throws Exception {
    long before = objects(stack);
    Res upload =
        a.upload(
            "/api/documents/upload?ingest_to_kb=true",
            token,
            "fees.txt",
            "Card fees\n\nSending money abroad costs five euros per international transfer. "
                + "Domestic transfers are free of charge.\n");
    assertEquals(201, upload.status(), upload.toString());
    String id = upload.text("id");
    assertEquals(before + 1, objects(stack), "one object in the shared bucket");
    for (Endpoint e : List.of(b, front)) {
      Res chat =
          e.post(
              "/api/chat/message",
              token,
              Map.of("message", "what does an international transfer cost?"));
      assertEquals(200, chat.status(), chat.toString());
      assertEquals(id, chat.json().path("sources").path(0).path("document_id").asText(), e.base());
      assertTrue(chat.text("response").contains("five euros"), chat.toString());
    }
    assertEquals(200, b.delete("/api/documents/" + id, token).status());
    assertEquals(before, objects(stack), "B's delete removed A's object");
    assertEquals(404, a.get("/api/documents/" + id, token).status());
  }

  /** Concurrent transfers through nginx reach both instances and move money without loss. */
  private static void transfersSpreadOverBothAndConserveMoney(
      ScaleOutStack stack, Endpoint front, String token, List<String> accounts) throws Exception {
    List<Outcome> outcomes = transfers(front, token, accounts, "spread", 80, () -> {});
    assertEquals(80, outcomes.size());
    Set<String> upstreams = new TreeSet<>();
    for (String line : Files.readAllLines(stack.accessLog())) {
      if (line.contains("\"uri\":\"/api/banking/transfer\"")) {
        upstreams.add(line.replaceAll(".*\"upstream_addr\":\"([^\"]*)\".*", "$1"));
      }
    }
    assertTrue(upstreams.contains("127.0.0.1:" + stack.apiA), upstreams.toString());
    assertTrue(upstreams.contains("127.0.0.1:" + stack.apiB), upstreams.toString());
    ledgerIsConsistent(accounts, keys(outcomes));
  }

  /**
   * Instance B is killed (SIGKILL) while transfers run. Each is sent with its own key and repeated
   * with the same key when nginx answers 502 (the request had reached B, which died before
   * answering) or the connection breaks. Once nginx tries B again (after fail_timeout), it gets a
   * refused connection and passes the request on to A: the client sees no error at all. In the end
   * every key moved money exactly once.
   */
  private static void killingAnInstanceLosesNoIdempotentTransfer(
      ScaleOutStack stack, Endpoint front, String token, List<String> accounts) throws Exception {
    ProcessHandle b = ProcessHandle.of(stack.instanceB().pid()).orElseThrow();
    AtomicInteger done = new AtomicInteger();
    List<Outcome> midRun =
        transfers(
            front,
            token,
            accounts,
            "failover",
            150,
            () -> {
              if (done.incrementAndGet() == 40) {
                b.destroyForcibly();
              }
            });
    b.onExit().get(10, TimeUnit.SECONDS);
    assertEquals(150, midRun.size());

    // nginx skips B for fail_timeout (2 s here, counted in whole seconds: up to 3) after its
    // failures, then tries it again: rounds of transfers until one was passed on from B to A.
    int logBefore = Files.readAllLines(stack.accessLog()).size();
    String passedOn =
        "\"upstream_addr\":\"127.0.0.1:" + stack.apiB + ", 127.0.0.1:" + stack.apiA + "\"";
    List<Outcome> afterwards = new ArrayList<>();
    List<String> logged = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (int round = 0; logged.stream().noneMatch(l -> l.contains(passedOn)); round++) {
      assertTrue(
          System.nanoTime() < deadline,
          "nginx passed a request B refused on to A:\n" + String.join("\n", logged));
      afterwards.addAll(transfers(front, token, accounts, "refused-" + round, 10, () -> {}));
      Thread.sleep(200); // nginx logs a request after its response
      List<String> log = Files.readAllLines(stack.accessLog());
      logged = log.subList(logBefore, log.size());
    }
    assertEquals(
        List.of(),
        afterwards.stream().filter(o -> o.attempts() > 1).toList(),
        "a refused connection is passed on by nginx, never seen by the client");

    List<String> keys = new ArrayList<>(keys(midRun));
    keys.addAll(keys(afterwards));
    ledgerIsConsistent(accounts, keys);
  }

  private record Outcome(String key, int attempts, boolean replayed) {}

  /**
   * Sends {@code n} transfers of 1.00 between random pairs of {@code accounts} on 6 threads, each
   * with its own Idempotency-Key (also its description, to find it in the ledger).
   */
  private static List<Outcome> transfers(
      Endpoint front, String token, List<String> accounts, String run, int n, Runnable afterEach)
      throws Exception {
    Random random = new Random(n);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int from = random.nextInt(ACCOUNTS);
        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        String key = run + "-" + UUID.randomUUID();
        futures.add(
            pool.submit(
                () -> {
                  Outcome o = transfer(front, token, key, accounts.get(from), accounts.get(to));
                  afterEach.run();
                  return o;
                }));
      }
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        out.add(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One transfer, repeated with the same key while the outcome is unknown (bounded). */
  private static Outcome transfer(Endpoint front, String token, String key, String from, String to)
      throws Exception {
    Map<String, String> body =
        Map.of("from_account_id", from, "to_account_id", to, "amount", "1.00", "description", key);
    String last = "";
    for (int attempt = 1; attempt <= 8; attempt++) {
      try {
        Res r = front.post("/api/banking/transfer", token, body, Map.of("Idempotency-Key", key));
        if (r.status() / 100 == 2) {
          return new Outcome(
              key, attempt, r.headers().firstValue("idempotent-replayed").isPresent());
        }
        // Only "the instance went away" is worth repeating; anything else is a bug.
        assertTrue(Set.of(502, 503, 504).contains(r.status()), key + ": " + r);
        last = r.status() + "";
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100L * attempt);
    }
    throw new AssertionError(key + " never succeeded; last: " + last);
  }

  private static List<String> keys(List<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::key).toList();
  }

  /**
   * In the shared database: each key moved money exactly once, the accounts still hold what they
   * were opened with in total, and each balance equals the sum of its ledger entries and its last
   * entry's balance_after.
   */
  private static void ledgerIsConsistent(List<String> accounts, List<String> keys)
      throws Exception {
    try (Connection c =
        DriverManager.getConnection(
            System.getenv("MAIIS_TEST_PG_URL"),
            System.getenv().getOrDefault("MAIIS_TEST_PG_USER", "maiis"),
            System.getenv().getOrDefault("MAIIS_TEST_PG_PASSWORD", ""))) {
      Array keyArray = c.createArrayOf("varchar", keys.toArray());
      Map<String, Integer> perKey = new HashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT description, COUNT(*) FROM transactions"
                  + " WHERE transaction_type = 'transfer' AND description = ANY(?)"
                  + " GROUP BY description")) {
        ps.setArray(1, keyArray);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            perKey.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
      Map<String, Integer> once = new HashMap<>();
      keys.forEach(k -> once.put(k, 1));
      assertEquals(once, perKey, "every key moved money exactly once");

      Array ids = c.createArrayOf("varchar", accounts.toArray());
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT a.balance,"
                  + " (SELECT SUM(e.amount) FROM ledger_entries e WHERE e.account_id = a.id),"
                  + " (SELECT e.balance_after FROM ledger_entries e WHERE e.account_id = a.id"
                  + "  ORDER BY e.id DESC LIMIT 1)"
                  + " FROM accounts a WHERE a.id = ANY(?)")) {
        ps.setArray(1, ids);
        BigDecimal total = BigDecimal.ZERO;
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            BigDecimal balance = rs.getBigDecimal(1);
            assertEquals(0, balance.compareTo(rs.getBigDecimal(2)), "balance = sum of entries");
            assertEquals(0, balance.compareTo(rs.getBigDecimal(3)), "balance = last balance_after");
            total = total.add(balance);
            n++;
          }
        }
        assertEquals(ACCOUNTS, n);
        assertEquals(OPENING.multiply(BigDecimal.valueOf(ACCOUNTS)), total, "money is conserved");
      }
    }
  }

  private static Res login(Endpoint e, String email) throws Exception {
    Res r = e.post("/api/auth/login", null, Map.of("email", email, "password", PASSWORD));
    assertEquals(200, r.status(), e.base() + ": " + r);
    return r;
  }

  /** Objects in the shared bucket, as s3rver keeps them on disk. */
  private static long objects(ScaleOutStack stack) throws IOException {
    Path bucket = stack.s3Root.resolve(ScaleOutStack.BUCKET);
    if (!Files.exists(bucket)) {
      return 0;
    }
    try (var walk = Files.walk(bucket)) {
      return walk.filter(p -> p.getFileName().toString().endsWith("._S3rver_object")).count();
    }
  }
}
