package org.maiis.cli.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.cli.MaiisJar;
import org.maiis.cli.MaiisYaml;
import org.maiis.config.ConfigLoader;
import org.maiis.server.MaiisServer;

/** {@code maiis user role}: the operator makes the first admin, who can then use admin routes. */
class UserRoleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "Corr3ct-Horse!";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anOperatorMakesAnAdminWhoThenIngestsIntoTheSharedKnowledgeBase(@TempDir Path dir)
      throws Exception {
    Path yaml =
        MaiisYaml.write(
            dir, "server:\n  listen: 127.0.0.1:0\n  data_dir: " + dir.resolve("data") + "\n");
    String email = "Ops" + System.nanoTime() + "@Example.com";
    try (MaiisServer server = start(yaml)) {
      String base = "http://127.0.0.1:" + server.port();
      assertEquals(201, send(base, "/api/auth/signup", null, signup(email)).statusCode());
      String token = login(base, email);
      assertEquals(
          403,
          send(base, "/api/chat/ingest", token, Map.of("text", "Branches open at nine."))
              .statusCode());

      // While the server holds the embedded database, another process is refused clearly.
      List<String> busy = jar(dir, Map.of(), "user", "role", email, "admin", "-c", yaml.toString());
      assertEquals("1", busy.get(0), busy.toString());
      assertTrue(busy.get(2).contains("is in use by a running maiis serve"), busy.toString());
    }

    CliRun bad = CliRun.of("user", "role", email, "root", "-c", yaml.toString());
    assertEquals(2, bad.exitCode(), bad.err());
    CliRun nobody = CliRun.of("user", "role", "nobody@example.com", "admin", "-c", yaml.toString());
    assertEquals(1, nobody.exitCode(), nobody.err());
    assertEquals(
        "maiis user role: no user with the e-mail nobody@example.com. Check the address; the user"
            + " must have signed up first.",
        nobody.err().strip());

    CliRun ok = CliRun.of("user", "role", email, "admin", "-c", yaml.toString());
    assertEquals(0, ok.exitCode(), ok.err());
    assertEquals(email + " is now admin", ok.out().strip());

    String adminToken;
    try (MaiisServer server = start(yaml)) {
      String base = "http://127.0.0.1:" + server.port();
      String token = login(base, email);
      adminToken = token;
      HttpResponse<String> me = send(base, "/api/auth/me", token, null);
      assertEquals("admin", JSON.readTree(me.body()).path("role").asText(), me.body());
      HttpResponse<String> ingest =
          send(base, "/api/chat/ingest", token, Map.of("text", "Branches open at nine."));
      assertEquals(200, ingest.statusCode(), ingest.body());
      assertEquals("shared", JSON.readTree(ingest.body()).path("scope").asText());

      // maiis kb ingest --shared, as the admin: every customer's questions then find it.
      Path faq = Files.createDirectories(dir.resolve("faq"));
      Files.writeString(
          faq.resolve("cards.md"), "# Cards\nA replacement card arrives within five days.");
      List<String> kb =
          jar(
              dir,
              Map.of("KB_TOKEN", token),
              "kb",
              "ingest",
              faq.toString(),
              "--url",
              base,
              "--token-env",
              "KB_TOKEN",
              "--shared");
      assertEquals("0", kb.get(0), kb.toString());
      assertTrue(kb.get(1).contains("into the shared knowledge base"), kb.toString());
      String customer = "c" + System.nanoTime() + "@example.com";
      assertEquals(201, send(base, "/api/auth/signup", null, signup(customer)).statusCode());
      HttpResponse<String> answer =
          send(
              base,
              "/api/chat/message",
              login(base, customer),
              Map.of("message", "how long until my new card comes"));
      assertEquals(
          "cards.md",
          JSON.readTree(answer.body()).path("sources").path(0).path("filename").asText(),
          answer.body());
    }

    // Taken back: the access token issued while admin is no admin's any more, before it expires.
    CliRun demote = CliRun.of("user", "role", email, "user", "-c", yaml.toString());
    assertEquals(0, demote.exitCode(), demote.err());
    try (MaiisServer server = start(yaml)) {
      String base = "http://127.0.0.1:" + server.port();
      assertEquals(
          403,
          send(base, "/api/chat/ingest", adminToken, Map.of("text", "Branches close at noon."))
              .statusCode());
      HttpResponse<String> me = send(base, "/api/auth/me", adminToken, null);
      assertEquals("user", JSON.readTree(me.body()).path("role").asText(), me.body());
    }
  }

  private static MaiisServer start(Path yaml) throws Exception {
    return MaiisServer.start(new ConfigLoader(System::getenv).load(yaml), System::getenv);
  }

  private static Map<String, Object> signup(String email) {
    return Map.of("email", email, "password", PASSWORD, "full_name", "Ops Person");
  }

  private String login(String base, String email) throws Exception {
    HttpResponse<String> r =
        send(base, "/api/auth/login", null, Map.of("email", email, "password", PASSWORD));
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("access_token").asText();
  }

  private HttpResponse<String> send(String base, String path, String token, Object body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Runs the shaded jar as a separate process: exit code, stdout, stderr. */
  private static List<String> jar(Path dir, Map<String, String> env, String... args)
      throws Exception {
    MaiisJar.Run r = MaiisJar.run(dir, env, args);
    return List.of(String.valueOf(r.code()), r.out(), r.err());
  }
}
