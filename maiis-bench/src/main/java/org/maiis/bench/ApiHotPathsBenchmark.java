package org.maiis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.server.MaiisServer;
import org.maiis.server.auth.Role;
import org.maiis.server.auth.UserAdministration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The API paths issue 14 made fast, each one request at a time over loopback HTTP against a real
 * {@code maiis serve} on the embedded defaults: token checks ({@code /api/auth/me}), the account
 * list, a history page and the summary of an account with a long ledger, a durable transfer, a chat
 * question over the bench corpus, and a {@code /metrics} scrape. {@code health} is the floor (HTTP,
 * routing, JSON): bench/hotpaths.sh divides every path by it, so the guard compares ratios that
 * hold from one machine to another.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// Two forks: one fork's chat time moved by 1.7x between runs on a quiet machine.
@Fork(2)
public class ApiHotPathsBenchmark {
  private static final String PASSWORD = "Bench-Passw0rd!";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The shared knowledge base ingested for {@link #chat}. */
  @Param("bench/rag/corpus")
  public String corpus;

  /** Ledger entries on the account whose history and summary are read. */
  @Param("2000")
  public int ledger;

  private Path dir;
  private MaiisConfig config;
  private MaiisServer server;
  private HttpClient http;
  private String base;
  private String token;
  private String from;
  private String to;

  @Setup
  public void setup() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("maiis-hotpaths");
    Path yaml = dir.resolve("maiis.yaml");
    Files.writeString(
        yaml, "server:\n  listen: 127.0.0.1:0\n  data_dir: " + dir.resolve("data") + "\n");
    config = new ConfigLoader(System::getenv).load(yaml);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // The shared knowledge base takes an admin, whom only the operator can make, server stopped.
    start();
    signup("admin@example.com");
    server.close();
    try (UserAdministration users =
        UserAdministration.open(
            config.server().database(), config.server().dataDir(), System::getenv)) {
      users.setRole("admin@example.com", Role.ADMIN, OffsetDateTime.now(ZoneOffset.UTC));
    }
    start();
    String admin = login("admin@example.com");
    try (Stream<Path> files = Files.list(Path.of(corpus))) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        post(
            admin,
            "/api/chat/ingest",
            Map.of("text", Files.readString(f), "metadata", Map.of("title", f.toString())));
      }
    }
    signup("user@example.com");
    token = login("user@example.com");
    from = account("checking");
    to = account("savings");
    for (int i = 0; i < ledger; i++) {
      transfer();
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    server.close();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The floor: a route with no authentication and no database. */
  @Benchmark
  public JsonNode health() throws IOException, InterruptedException {
    return get("/health");
  }

  /** Token signature, revocation, token version and user row checks, then the user. */
  @Benchmark
  public JsonNode me() throws IOException, InterruptedException {
    return get("/api/auth/me");
  }

  /** The caller's accounts. */
  @Benchmark
  public JsonNode accounts() throws IOException, InterruptedException {
    return get("/api/banking/accounts");
  }

  /** The newest page of 20 of an account with a long ledger. */
  @Benchmark
  public JsonNode historyPage() throws IOException, InterruptedException {
    return get("/api/banking/transactions?account_id=" + from + "&limit=20");
  }

  /** Totals over that ledger. */
  @Benchmark
  public JsonNode summary() throws IOException, InterruptedException {
    return get("/api/banking/accounts/" + from + "/summary");
  }

  /** A transfer between the two accounts: locks, ledger lines, a durable commit. */
  @Benchmark
  public JsonNode transfer() throws IOException, InterruptedException {
    return post(
        token,
        "/api/banking/transfer",
        Map.of("from_account_id", from, "to_account_id", to, "amount", "0.01"));
  }

  /** A question answered from the shared knowledge base (retrieval and the extractive answer). */
  @Benchmark
  public JsonNode chat() throws IOException, InterruptedException {
    return post(
        token,
        "/api/chat/message",
        Map.of("message", "How long does an international transfer take to arrive?"));
  }

  /** One Prometheus scrape of the application after all of the above. */
  @Benchmark
  public int scrape() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    return expectOk(r).length();
  }

  private void start() throws IOException {
    server = MaiisServer.start(config, System::getenv);
    base = "http://127.0.0.1:" + server.port();
  }

  private void signup(String email) throws IOException, InterruptedException {
    post(null, "/api/auth/signup", Map.of("email", email, "password", PASSWORD, "full_name", "B"));
  }

  private String login(String email) throws IOException, InterruptedException {
    return post(null, "/api/auth/login", Map.of("email", email, "password", PASSWORD))
        .get("access_token")
        .asText();
  }

  private String account(String type) throws IOException, InterruptedException {
    return post(
            token,
            "/api/banking/accounts",
            Map.of("account_type", type, "currency", "USD", "initial_balance", 10_000))
        .get("id")
        .asText();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  private JsonNode post(String bearer, String path, Map<String, ?> body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    return send(b, bearer);
  }

  private JsonNode send(HttpRequest.Builder b, String bearer)
      throws IOException, InterruptedException {
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return JSON.readTree(expectOk(http.send(b.build(), HttpResponse.BodyHandlers.ofString())));
  }

  // A benchmark of error answers would measure the wrong thing: fail the run instead.
  private static String expectOk(HttpResponse<String> r) {
    if (r.statusCode() / 100 != 2) {
      throw new UncheckedIOException(
          new IOException(
              r.request().uri().getPath() + " answered " + r.statusCode() + ": " + r.body()));
    }
    return r.body();
  }
}
