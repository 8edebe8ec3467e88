package org.maiis.cli.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.ApiRequests;
import org.maiis.cli.MaiisJar;
import org.maiis.cli.MaiisJar.Run;
import org.maiis.cli.MaiisYaml;
import org.maiis.config.ConfigLoader;
import org.maiis.server.MaiisServer;
import org.maiis.server.documents.TestDocuments;

/** {@code maiis kb ingest} (the shaded jar, as a user runs it) against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KbIngestIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "Corr3ct-Horse!";
  private final HttpClient http = HttpClient.newHttpClient();
  @AutoClose private MaiisServer server;
  private String base;
  private Path dir;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    Path yaml =
        MaiisYaml.write(
            tmp, "server:\n  listen: 127.0.0.1:0\n  data_dir: " + tmp.resolve("data") + "\n");
    server = MaiisServer.start(new ConfigLoader(System::getenv).load(yaml), System::getenv);
    base = "http://127.0.0.1:" + server.port();
  }

  @Test
  void everySupportedFileIsUploadedInOrderAndFailuresSetTheExitCode() throws Exception {
    String email = signup();
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("a.txt"), "Overdrafts cost 12 euros per month.");
    Files.createDirectories(docs.resolve("sub"));
    Files.writeString(docs.resolve("sub/b.md"), "# Cards\nA new card arrives within five days.");
    Files.write(
        docs.resolve("sub/c.pdf"), TestDocuments.textPdf("Transfers abroad cost five euros."));
    Files.write(docs.resolve("broken.pdf"), new byte[] {0, (byte) 0xff, 0, 1, 2, (byte) 0xfe});
    Files.writeString(docs.resolve("notes.bin"), "not a document type");
    Files.createDirectories(docs.resolve(".git"));
    Files.writeString(docs.resolve(".git/HEAD"), "ref: refs/heads/main");

    Run r =
        ingest(
            Map.of("KB_PASSWORD", PASSWORD),
            docs,
            base,
            "--email",
            email,
            "--password-env",
            "KB_PASSWORD");
    assertEquals(1, r.code(), r.out() + r.err());
    List<String> progress = r.err().lines().toList();
    assertEquals(4, progress.size(), r.err());
    assertTrue(progress.get(0).startsWith("[1/4] a.txt: ok ("), r.err());
    assertTrue(progress.get(1).startsWith("[2/4] broken.pdf: failed: HTTP 415"), r.err());
    assertTrue(progress.get(2).startsWith("[3/4] sub/b.md: ok ("), r.err());
    assertTrue(progress.get(3).startsWith("[4/4] sub/c.pdf: ok ("), r.err());
    List<String> out = r.out().lines().toList();
    assertTrue(
        out.get(0)
            .matches(
                "ingested 3 of 4 files \\(\\d+ chunks\\) into the private knowledge base; 1 failed,"
                    + " 1 skipped \\(unsupported type\\)"),
        r.out());
    assertTrue(
        out.get(1).startsWith("failed: broken.pdf: HTTP 415 unsupported_media_type"), r.out());

    String token = login(email);
    JsonNode list = get("/api/documents", token);
    assertEquals(3, list.size(), list.toString());
    for (JsonNode d : list) {
      assertTrue(d.path("is_indexed").asBoolean(), d.toString());
    }
    JsonNode answer =
        post("/api/chat/message", token, Map.of("message", "what do transfers abroad cost"));
    assertEquals(
        "c.pdf", answer.path("sources").get(0).path("filename").asText(), answer.toString());

    // With a token from the environment and only good files: exit 0.
    Path good = Files.createDirectories(dir.resolve("good"));
    Files.writeString(good.resolve("faq.txt"), "Branches open at nine.");
    Run ok = ingest(Map.of("KB_TOKEN", token), good, base, "--token-env", "KB_TOKEN");
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().startsWith("ingested 1 of 1 files"), ok.out());
    assertFalse(ok.out().contains(token) || ok.err().contains(token), "the token is never printed");
  }

  @Test
  void jsonSummarizesTheRunInItsDocumentedShape() throws Exception {
    String token = login(signup());
    Path docs = Files.createDirectories(dir.resolve("json"));
    Files.writeString(docs.resolve("faq.txt"), "Branches open at nine.");
    Files.write(docs.resolve("broken.pdf"), new byte[] {0, (byte) 0xff, 0, 1, 2, (byte) 0xfe});
    Files.writeString(docs.resolve("notes.bin"), "not a document type");
    Run r = ingest(Map.of("KB_TOKEN", token), docs, base, "--token-env", "KB_TOKEN", "--json");
    assertEquals(1, r.code(), r.out() + r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertEquals(
        List.of("knowledge_base", "files", "ingested", "chunks", "skipped", "failed"),
        iterable(doc.fieldNames()));
    assertEquals("private", doc.path("knowledge_base").asText());
    assertEquals(2, doc.path("files").asInt());
    assertEquals(1, doc.path("ingested").asInt());
    assertTrue(doc.path("chunks").asInt() >= 1, doc.toString());
    assertEquals(1, doc.path("skipped").asInt());
    assertEquals("broken.pdf", doc.path("failed").get(0).path("file").asText());
    assertTrue(
        doc.path("failed").get(0).path("reason").asText().startsWith("HTTP 415"), doc.toString());
  }

  /**
   * Three files at once against a server with one document worker and no queue: two are refused
   * with 503 busy at first, retried after Retry-After, and every file ends up ingested, reported in
   * path order.
   */
  @Test
  void parallelUploadsWaitOutABusyServer(@TempDir Path tmp) throws Exception {
    Path yaml =
        MaiisYaml.write(
            tmp,
            "server:\n  listen: 127.0.0.1:0\n  data_dir: "
                + tmp.resolve("data")
                + "\n  documents:\n    workers: 1\n    queue: 0\n");
    try (MaiisServer busy =
        MaiisServer.start(new ConfigLoader(System::getenv).load(yaml), System::getenv)) {
      String busyBase = "http://127.0.0.1:" + busy.port();
      String email = signup(busyBase);
      Path docs = Files.createDirectories(tmp.resolve("docs"));
      for (String n : List.of("a", "b", "c")) {
        // Enough text that embedding it keeps the one worker busy while the others arrive.
        Files.writeString(
            docs.resolve(n + ".txt"),
            ("Policy " + n + ": a card blocked by mistake is unblocked within the hour. ")
                .repeat(400));
      }
      Run r =
          ingest(
              Map.of("KB_PASSWORD", PASSWORD),
              docs,
              busyBase,
              "--email",
              email,
              "--password-env",
              "KB_PASSWORD",
              "--parallel",
              "3");
      assertEquals(0, r.code(), r.out() + r.err());
      List<String> progress = r.err().lines().toList();
      assertEquals(3, progress.size(), r.err());
      for (int i = 0; i < 3; i++) {
        assertTrue(
            progress.get(i).startsWith("[" + (i + 1) + "/3] " + "abc".charAt(i) + ".txt: ok ("),
            r.err());
      }
      assertTrue(r.out().startsWith("ingested 3 of 3 files"), r.out());
      String metrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(busyBase + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(
          metrics
              .lines()
              .anyMatch(
                  l ->
                      l.startsWith("http_requests_total{")
                          && l.contains("/api/documents/upload")
                          && l.contains("\"503\"")),
          "the server refused some uploads while busy (else this test proves nothing):\n"
              + metrics.lines().filter(l -> l.startsWith("http_requests_total{")).toList());
    }
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void badCredentialsAndUsageAreOneLineErrors() throws Exception {
    String email = signup();
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Run wrong =
        ingest(
            Map.of("KB_PASSWORD", "Wrong-Pass1!"),
            empty,
            base,
            "--email",
            email,
            "--password-env",
            "KB_PASSWORD");
    assertEquals(1, wrong.code());
    assertEquals(
        "maiis kb ingest: login failed: HTTP 401 invalid_credentials: wrong e-mail or password."
            + " Check --email and the password in the environment variable.",
        wrong.err().strip(),
        wrong.err());
    assertFalse(wrong.err().contains("Exception"), wrong.err());

    Run unset = ingest(Map.of(), empty, base, "--token-env", "KB_UNSET_VAR");
    assertEquals(2, unset.code());
    assertEquals(
        "maiis kb ingest: environment variable KB_UNSET_VAR is not set. Set it first, e.g. read"
            + " -rs KB_UNSET_VAR && export KB_UNSET_VAR.",
        unset.err().strip());

    Run usage = ingest(Map.of(), empty, base);
    assertEquals(2, usage.code(), usage.err());

    Run parallel =
        ingest(Map.of("KB_TOKEN", "t"), empty, base, "--token-env", "KB_TOKEN", "--parallel", "0");
    assertEquals(2, parallel.code(), parallel.err());
    assertEquals(
        "maiis kb ingest: --parallel 0: must be between 1 and 16. Give the number of files to"
            + " upload at once, e.g. --parallel 2.",
        parallel.err().strip());

    Path one = Files.createDirectories(dir.resolve("one"));
    Files.writeString(one.resolve("faq.txt"), "Branches open at nine.");
    try (var sparse = new java.io.RandomAccessFile(one.resolve("huge.pdf").toFile(), "rw")) {
      sparse.setLength(KbIngest.MAX_FILE_BYTES + 1);
    }
    Run down =
        ingest(Map.of("KB_TOKEN", "t"), one, "http://127.0.0.1:9", "--token-env", "KB_TOKEN");
    assertEquals(1, down.code(), down.err());
    assertTrue(
        down.err().contains("faq.txt: failed: http://127.0.0.1:9: connection refused"), down.err());
    assertTrue(down.err().contains("huge.pdf: failed: larger than 256 MiB"), down.err());
  }

  private String signup() throws Exception {
    return signup(base);
  }

  private String signup(String server) throws Exception {
    String email = "kb" + System.nanoTime() + "@example.com";
    HttpResponse<String> r =
        http.send(
            ApiRequests.post(
                server,
                "/api/auth/signup",
                null,
                Map.of("email", email, "password", PASSWORD, "full_name", "KB")),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return email;
  }

  private String login(String email) throws Exception {
    return post("/api/auth/login", null, Map.of("email", email, "password", PASSWORD))
        .path("access_token")
        .asText();
  }

  private JsonNode post(String path, String token, Map<String, String> body) throws Exception {
    HttpResponse<String> r =
        http.send(ApiRequests.post(base, path, token, body), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private JsonNode get(String path, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  /**
   * Runs {@code maiis kb ingest DOCS --url URL MORE...} from the shaded jar with {@code env} added;
   * stderr is a pipe, so progress is plain lines.
   */
  private Run ingest(Map<String, String> env, Path docs, String url, String... more)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(List.of("kb", "ingest", docs.toString(), "--url", url));
    args.addAll(List.of(more));
    return MaiisJar.run(dir, env, args.toArray(String[]::new));
  }
}
