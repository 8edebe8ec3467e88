package org.maiis.server.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.maiis.server.api.Api.Res;

/** Posts a multipart/form-data request: text fields plus file parts. */
final class Multipart {
  private Multipart() {}

  static Res post(
      String url,
      String token,
      Map<String, String> fields,
      String fileField,
      String filename,
      byte[] content)
      throws IOException, InterruptedException {
    return post(
        url, token, fields, new Part(fileField, filename, "application/octet-stream", content));
  }

  /** The file part: its field, file name, declared type and bytes. */
  record Part(String field, String filename, String contentType, byte[] content) {}

  /** The same, with the file part spelled out. */
  static Res post(String url, String token, Map<String, String> fields, Part file)
      throws IOException, InterruptedException {
    return post(url, token, List.copyOf(fields.entrySet()), List.of(file));
  }

  /** Any number of text fields and file parts, in order, names repeated as given. */
  static Res post(
      String url, String token, List<Map.Entry<String, String>> fields, List<Part> files)
      throws IOException, InterruptedException {
    String boundary = "maiis" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> f : fields) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + f.getKey()
                  + "\"\r\n\r\n"
                  + f.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    for (Part file : files) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + file.field()
                  + "\"; filename=\""
                  + file.filename()
                  + "\"\r\nContent-Type: "
                  + file.contentType()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.content());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return Res.of(r);
  }
}
