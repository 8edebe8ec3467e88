package org.maiis.cli.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/** The API calls of {@code maiis kb}: login, document upload, shared ingest. */
final class KbClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Uploads are read, OCRed and chunked before the server answers.
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  /** An API call that did not succeed, with the line to print. */
  static final class CallFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final Duration retryAfter;

    CallFailed(int status, String code, String message) {
      this(status, code, message, DEFAULT_RETRY_AFTER);
    }

    CallFailed(int status, String code, String message, Duration retryAfter) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.retryAfter = retryAfter;
    }

    /** How long the server asked to wait before the next attempt (its Retry-After, seconds). */
    Duration retryAfter() {
      return retryAfter;
    }

    int status() {
      return status;
    }

    String code() {
      return code;
    }
  }

  /**
   * An uploaded document.
   *
   * @param id its id
   * @param chunks knowledge-base chunks made of it
   * @param status extraction status (extracted, partial, not_extracted, failed)
   */
  record Uploaded(String id, int chunks, String status) {}

  private final HttpClient http;
  private final String base;

  /** A client of the server at {@code base}, trusting {@code ssl} when given. */
  KbClient(String base, Optional<SSLContext> ssl) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    ssl.ifPresent(b::sslContext);
    this.http = b.build();
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** An access token for {@code email}. */
  String login(String email, String password) throws CallFailed {
    JsonNode r = call(json("/api/auth/login", null, Map.of("email", email, "password", password)));
    return r.path("access_token").asText();
  }

  /** Uploads {@code bytes} as {@code filename}, into the caller's knowledge base when asked. */
  Uploaded upload(String token, String filename, byte[] bytes, boolean ingest) throws CallFailed {
    String boundary = "----maiis-kb-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String name = filename.replace("\"", "'").replace("\r", "").replace("\n", "");
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(base + "/api/documents/upload?process_ocr=true&ingest_to_kb=" + ingest))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    JsonNode r = call(req);
    return new Uploaded(
        r.path("id").asText(), r.path("chunk_count").asInt(), r.path("extraction_status").asText());
  }

  /** Adds an uploaded document to the shared knowledge base (admin); returns its chunk count. */
  int ingestShared(String token, String documentId) throws CallFailed {
    return call(json("/api/documents/ingest", token, Map.of("document_id", documentId)))
        .path("chunks")
        .asInt();
  }

  private HttpRequest json(String path, String token, Map<String, String> body) {
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  // The HTTP-date form of Retry-After is not used by maiis serve; it falls back to the default.
  private static Duration retryAfter(HttpResponse<?> r) {
    try {
      return r.headers()
          .firstValue("Retry-After")
          .map(v -> Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))))
          .orElse(DEFAULT_RETRY_AFTER);
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }

  private JsonNode call(HttpRequest req) throws CallFailed {
    HttpResponse<String> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new CallFailed(0, "unreachable", base + ": connection refused");
    } catch (IOException e) {
      String m = e.getMessage();
      throw new CallFailed(
          0, "unreachable", base + ": " + (m == null ? e.getClass().getSimpleName() : m));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed(0, "interrupted", "interrupted");
    }
    JsonNode node;
    try {
      node = JSON.readTree(r.body());
    } catch (IOException e) {
      node = null;
    }
    if (r.statusCode() / 100 != 2) {
      JsonNode error = node == null ? null : node.path("error");
      String code = error == null ? "" : error.path("code").asText();
      String message = error == null ? "" : error.path("message").asText();
      throw new CallFailed(
          r.statusCode(),
          code,
          "HTTP " + r.statusCode() + (message.isEmpty() ? "" : " " + code + ": " + message),
          retryAfter(r));
    }
    if (node == null) {
      throw new CallFailed(r.statusCode(), "", "HTTP " + r.statusCode() + ": not JSON");
    }
    return node;
  }
}
