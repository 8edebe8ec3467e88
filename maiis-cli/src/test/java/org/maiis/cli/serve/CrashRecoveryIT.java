package org.maiis.cli.serve;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.MaiisJar;
import org.maiis.cli.TestEnv;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;

/**
 * A 2xx is a promise: {@code maiis serve} (the shaded jar, as a process) takes concurrent deposits
 * and transfers, is killed with SIGKILL mid-load, and after a restart on the same state every
 * acknowledged operation is there, money is conserved, and security state (a logout, a password
 * change, a login lockout) is remembered. On the embedded H2 default and on PostgreSQL (with the
 * security state in the database, no Redis).
 */
class CrashRecoveryIT {
  private static final String PASSWORD = "Corr3ct-Horse!";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigDecimal START = new BigDecimal("9000.00");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void embeddedDatabaseKeepsEveryAcknowledgedWrite(@TempDir Path dir) throws Exception {
    survivesSigkill(dir, "", Map.of());
  }

  @Test
  void postgresKeepsEveryAcknowledgedWrite(@TempDir Path dir) throws Exception {
    ExternalTools.SYSTEM.require("pg_ctlcluster", "postgresql");
    TestEnv.require("PostgreSQL", "MAIIS_TEST_PG_URL");
    String url = System.getenv("MAIIS_TEST_PG_URL");
    String yaml =
        "  database:\n    url: "
            + url
            + "\n    user: "
            + System.getenv().getOrDefault("MAIIS_TEST_PG_USER", "maiis")
            + "\n    password: ${MAIIS_TEST_PG_PASSWORD}\n";
    survivesSigkill(
        dir,
        yaml,
        Map.of(
            "MAIIS_TEST_PG_PASSWORD", System.getenv().getOrDefault("MAIIS_TEST_PG_PASSWORD", "")));
  }

  @Test
  void aSecondServeOnTheSameDataDirSaysItIsInUse(@TempDir Path dir) throws Exception {
    int port = LoopbackPorts.free();
    Path yaml = dir.resolve("maiis.yaml");
    Files.writeString(
        yaml,
        "server:\n  listen: 127.0.0.1:" + port + "\n  data_dir: " + dir.resolve("data") + "\n");
    Process first = start(dir, yaml, Map.of(), "http://127.0.0.1:" + port);
    try {
      Files.writeString(
          dir.resolve("second.yaml"),
          "server:\n  listen: 127.0.0.1:"
              + LoopbackPorts.free()
              + "\n  data_dir: "
              + dir.resolve("data")
              + "\n");
      org.maiis.cli.MaiisJar.Run second =
          org.maiis.cli.MaiisJar.run(dir, "serve", "-c", dir.resolve("second.yaml").toString());
      assertEquals(1, second.code(), second.err());
      String line = second.err().strip();
      assertTrue(
          line.contains("is in use by another process") && line.contains("--data-dir"), line);
      assertFalse(line.contains("Exception") || line.contains("[90020"), line);
    } finally {
      first.destroy();
      first.waitFor(30, TimeUnit.SECONDS);
      first.destroyForcibly();
    }
  }

  private void survivesSigkill(Path dir, String databaseYaml, Map<String, String> env)
      throws Exception {
    int port = LoopbackPorts.free();
    Path yaml = dir.resolve("maiis.yaml");
    Files.writeString(
        yaml,
        "server:\n  listen: 127.0.0.1:"
            + port
            + "\n  data_dir: "
            + dir.resolve("data")
            + "\n  auth:\n    login_failures: 2\n    login_window: 1h\n"
            + "  banking:\n    daily_limit: 1000000\n"
            + databaseYaml);
    String base = "http://127.0.0.1:" + port;
    Process server = start(dir, yaml, env, base);
    String email = "crash-" + UUID.randomUUID() + "@example.com";
    String otherEmail = "pw-" + UUID.randomUUID() + "@example.com";
    String lockedEmail = "lock-" + UUID.randomUUID() + "@example.com";
    Counts deposits = new Counts();
    Counts transfers = new Counts();
    Counts questions = new Counts();
    String token;
    String loggedOut;
    String beforePasswordChange;
    String from;
    String to;
    try {
      signup(base, email);
      signup(base, otherEmail);
      signup(base, lockedEmail);
      token = login(base, email, PASSWORD);
      loggedOut = login(base, email, PASSWORD);
      assertEquals(200, post(base, "/api/auth/logout", loggedOut, Map.of()).status);
      beforePasswordChange = login(base, otherEmail, PASSWORD);
      assertEquals(
          200,
          post(
                  base,
                  "/api/auth/change-password",
                  beforePasswordChange,
                  Map.of("current_password", PASSWORD, "new_password", "N3w-Horse-Battery!"))
              .status);
      // From an address of their own (the loopback peer is a trusted proxy): the runs that share
      // a PostgreSQL database never use up 127.0.0.1's budget.
      String guesser = "198.51.100." + (1 + new java.util.Random().nextInt(250));
      for (int i = 0; i < 2; i++) {
        assertEquals(
            401,
            post(
                    base,
                    "/api/auth/login",
                    null,
                    Map.of("email", lockedEmail, "password", "no-No-1!"),
                    "X-Real-IP",
                    guesser)
                .status);
      }
      from = account(base, token, START);
      to = account(base, token, BigDecimal.ZERO);

      // Eight clients deposit into one account and move money between the two, and a ninth asks
      // questions (each answered turn is kept in the history), until the server dies under them.
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService clients = Executors.newFixedThreadPool(9);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 9; c++) {
        boolean deposit = c % 2 == 0;
        boolean question = c == 8;
        running.add(
            clients.submit(
                () -> {
                  while (!stop.get()) {
                    Counts counts = question ? questions : deposit ? deposits : transfers;
                    Map<String, Object> body =
                        question
                            ? Map.of("message", "What does a transfer cost?")
                            : deposit
                                ? Map.of("account_id", to, "amount", "1.00")
                                : Map.of(
                                    "from_account_id", from, "to_account_id", to, "amount", "1.00");
                    counts.sent.incrementAndGet();
                    try {
                      Res r =
                          post(
                              base,
                              question
                                  ? "/api/chat/message"
                                  : deposit ? "/api/banking/deposit" : "/api/banking/transfer",
                              token,
                              body);
                      if (r.status / 100 == 2) {
                        counts.acknowledged.incrementAndGet();
                      }
                    } catch (IOException e) {
                      // The server is gone; the request may or may not have been applied.
                      if (!server.isAlive()) {
                        return null;
                      }
                    }
                  }
                  return null;
                }));
      }
      // Kill once a good number of writes were acknowledged, and at least one of each kind (the
      // first answer waits for the embedding model), however fast the machine is.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while ((deposits.acknowledged.get() + transfers.acknowledged.get() < 400
              || deposits.acknowledged.get() == 0
              || transfers.acknowledged.get() == 0
              || questions.acknowledged.get() == 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      server.destroyForcibly(); // SIGKILL
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));
      stop.set(true);
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
    } finally {
      server.destroyForcibly();
    }
    assertTrue(
        deposits.acknowledged.get() > 0
            && transfers.acknowledged.get() > 0
            && questions.acknowledged.get() > 0,
        "deposits " + deposits + ", transfers " + transfers + ", questions " + questions);

    Process restarted = start(dir, yaml, env, base);
    try {
      BigDecimal fromBalance = balance(base, token, from);
      BigDecimal toBalance = balance(base, token, to);
      // Money is conserved: transfers only move it, deposits add exactly what was applied.
      BigDecimal applied = fromBalance.add(toBalance).subtract(START);
      long movedOut = START.subtract(fromBalance).longValueExact();
      String report =
          "deposits "
              + deposits
              + ", transfers "
              + transfers
              + "; after restart: deposited "
              + applied
              + ", transferred "
              + movedOut
              // The ledger tells a lost commit (entries missing) from a lost update (entries
              // there, balance short).
              + "; ledger of the receiving account: "
              + get(base, "/api/banking/accounts/" + to + "/summary", token).body;
      assertTrue(applied.longValueExact() >= deposits.acknowledged.get(), report);
      assertTrue(applied.longValueExact() <= deposits.sent.get(), report);
      assertTrue(movedOut >= transfers.acknowledged.get(), report);
      assertTrue(movedOut <= transfers.sent.get(), report);
      // The summary's totals, kept per entry by 8 clients at once, agree with the balances.
      JsonNode summary = get(base, "/api/banking/accounts/" + to + "/summary", token).json();
      assertEquals(0, applied.compareTo(summary.path("total_deposits").decimalValue()), report);
      assertEquals(
          movedOut, summary.path("total_transfers_in").decimalValue().longValueExact(), report);

      // The answer is sent once its turn is on disk, although the chat worker that made it has
      // gone on to the next question meanwhile.
      long turns = get(base, "/api/chat/history?limit=1", token).json().path("total").asLong(-1);
      assertTrue(
          turns >= questions.acknowledged.get(), "turns " + turns + ", questions " + questions);
      assertTrue(turns <= questions.sent.get(), "turns " + turns + ", questions " + questions);

      assertEquals(200, get(base, "/api/auth/me", token).status, "a live session survives");
      assertEquals(401, get(base, "/api/auth/me", loggedOut).status, "the logout is remembered");
      assertEquals(
          401,
          get(base, "/api/auth/me", beforePasswordChange).status,
          "tokens issued before a password change stay revoked");
      Res locked =
          post(base, "/api/auth/login", null, Map.of("email", lockedEmail, "password", PASSWORD));
      assertEquals(429, locked.status, "the login lockout is remembered: " + locked.body);
    } finally {
      restarted.destroy();
      restarted.waitFor(30, TimeUnit.SECONDS);
      restarted.destroyForcibly();
    }
  }

  private static final class Counts {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();

    @Override
    public String toString() {
      return acknowledged + " acknowledged of " + sent + " sent";
    }
  }

  private record Res(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private Process start(Path dir, Path yaml, Map<String, String> env, String base)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(MaiisJar.command("serve", "-c", yaml.toString()))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("serve.log").toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), () -> "serve exited: " + log(dir));
      try {
        if (get(base, "/health/ready", null).status == 200) {
          return p;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError("serve did not become ready: " + log(dir));
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("serve.log"));
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private void signup(String base, String email) throws Exception {
    Res r =
        post(
            base,
            "/api/auth/signup",
            null,
            Map.of("email", email, "password", PASSWORD, "full_name", "Crash Test"));
    assertEquals(201, r.status, r.body);
  }

  private String login(String base, String email, String password) throws Exception {
    Res r = post(base, "/api/auth/login", null, Map.of("email", email, "password", password));
    assertEquals(200, r.status, r.body);
    return r.json().get("access_token").asText();
  }

  private String account(String base, String token, BigDecimal initial) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("account_type", "checking");
    body.put("currency", "USD");
    body.put("initial_balance", initial.toPlainString());
    Res r = post(base, "/api/banking/accounts", token, body);
    assertEquals(201, r.status, r.body);
    return r.json().get("id").asText();
  }

  private BigDecimal balance(String base, String token, String account) throws Exception {
    Res r = get(base, "/api/banking/accounts/" + account, token);
    assertEquals(200, r.status, r.body);
    return new BigDecimal(r.json().get("balance").asText());
  }

  private Res get(String base, String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.body());
  }

  private Res post(String base, String path, String token, Map<String, ?> body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (headers.length > 0) {
      b.headers(headers);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.body());
  }
}
