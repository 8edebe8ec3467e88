package org.maiis.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the API under test: real requests over loopback. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "Corr3ct-Horse!";

  /**
   * A response.
   *
   * @param status HTTP status
   * @param headers response headers
   * @param body raw body
   * @param json parsed body (MissingNode when not JSON)
   */
  record Res(int status, HttpHeaders headers, String body, JsonNode json) {
    /** {@code r} with its body parsed when it is JSON. */
    static Res of(HttpResponse<String> r) {
      JsonNode node;
      try {
        node = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
      } catch (IOException e) {
        node = MissingNode.getInstance();
      }
      return new Res(r.statusCode(), r.headers(), r.body(), node);
    }

    String code() {
      return json.path("error").path("code").asText();
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /**
   * A signed-in user.
   *
   * @param userId id
   * @param email e-mail
   * @param access access token
   * @param refresh refresh token
   */
  record Session(String userId, String email, String access, String refresh) {}

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  Res get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  Res delete(String path, String token) {
    return send("DELETE", path, token, null, null);
  }

  Res post(String path, String token, Object body, String... headers) {
    return send("POST", path, token, "application/json", json(body), headers);
  }

  Res put(String path, String token, Object body) {
    return send("PUT", path, token, "application/json", json(body));
  }

  Res send(
      String method,
      String path,
      String token,
      String contentType,
      String body,
      String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return Res.of(client.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Signs up a fresh user and logs in. */
  Session newUser() {
    String email = "u" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    Res s =
        post(
            "/api/auth/signup",
            null,
            Map.of("email", email, "password", PASSWORD, "full_name", "Test User"));
    if (s.status() != 201) {
      throw new AssertionError("signup failed: " + s.body());
    }
    return login(email, PASSWORD);
  }

  Session login(String email, String password) {
    Res r = post("/api/auth/login", null, Map.of("email", email, "password", password));
    if (r.status() != 200) {
      throw new AssertionError("login failed: " + r.body());
    }
    return new Session(
        r.json().path("user").path("id").asText(),
        email,
        r.json().path("access_token").asText(),
        r.json().path("refresh_token").asText());
  }

  /** Opens an account and returns its id. */
  /** Changes {@code s}'s password from {@code current} to {@code next}; the answer as it is. */
  Res changePassword(Session s, String current, String next) {
    return post(
        "/api/auth/change-password",
        s.access(),
        Map.of("current_password", current, "new_password", next));
  }

  /** Asks {@code message} as {@code s} with {@code history} as the earlier turns. */
  Res ask(Session s, String message, List<Map<String, String>> history) {
    return post(
        "/api/chat/message",
        s.access(),
        Map.of("message", message, "conversation_history", history));
  }

  String account(Session s, String type, String currency, String initial) {
    Res r =
        post(
            "/api/banking/accounts",
            s.access(),
            Map.of(
                "account_type",
                type,
                "currency",
                currency,
                "initial_balance",
                new java.math.BigDecimal(initial)));
    if (r.status() != 201) {
      throw new AssertionError("account creation failed: " + r.body());
    }
    return r.json().path("id").asText();
  }

  java.math.BigDecimal balance(Session s, String accountId) {
    Res r = get("/api/banking/balance/" + accountId, s.access());
    if (r.status() != 200) {
      throw new AssertionError("balance failed: " + r.body());
    }
    return r.json().path("balance").decimalValue();
  }

  /** The JSON body of a voice request: {@code audio} in base64, its language and its format. */
  static Map<String, String> audio(byte[] audio, String language, String format) {
    return Map.of(
        "audio_base64",
        java.util.Base64.getEncoder().encodeToString(audio),
        "language",
        language,
        "format",
        format);
  }

  private static String json(Object body) {
    if (body == null) {
      return null;
    }
    if (body instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
