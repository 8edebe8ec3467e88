package org.maiis.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON calls to one base URL: nginx's HTTPS front or one instance directly. */
record Endpoint(HttpClient client, String base) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status, raw body and headers. */
  record Res(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String text(String field) {
      return json().path(field).asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Res get(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).GET());
  }

  Res delete(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).DELETE());
  }

  Res post(String path, String token, Map<String, ?> body)
      throws IOException, InterruptedException {
    return post(path, token, body, Map.of());
  }

  Res post(String path, String token, Map<String, ?> body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(b::header);
    return send(b);
  }

  /** A multipart upload of one text file in the field {@code file}. */
  Res upload(String path, String token, String filename, String text)
      throws IOException, InterruptedException {
    String boundary = "maiis-it-boundary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename
            + "\"\r\nContent-Type: text/plain\r\n\r\n"
            + text
            + "\r\n--"
            + boundary
            + "--\r\n";
    return send(
        request(path, token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Res send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.body(), r.headers());
  }
}
