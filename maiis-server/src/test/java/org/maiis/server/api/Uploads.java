package org.maiis.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** Multipart document uploads for tests. */
final class Uploads {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Uploads() {}

  static Res upload(Api api, Session s, String filename, byte[] content, String query)
      throws IOException, InterruptedException {
    String boundary = "----maiis" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    api.base() + "/api/documents/upload" + (query.isEmpty() ? "" : "?" + query)))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + s.access())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = Api.JSON.readTree(r.body());
    } catch (IOException e) {
      json = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    return new Res(r.statusCode(), r.headers(), r.body(), json);
  }
}
