package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** Multipart document uploads for tests. */
final class Uploads {
  private Uploads() {}

  /**
   * Uploads {@code text} as {@code filename} into {@code s}'s knowledge base (asserting the 201)
   * and returns the document's id.
   */
  static String ingest(Api api, Session s, String filename, String text)
      throws IOException, InterruptedException {
    Res r = upload(api, s, filename, text.getBytes(StandardCharsets.UTF_8), "ingest_to_kb=true");
    assertEquals(201, r.status(), r.body());
    return r.json().path("id").asText();
  }

  static Res upload(Api api, Session s, String filename, byte[] content, String query)
      throws IOException, InterruptedException {
    return Multipart.post(
        api.base() + "/api/documents/upload" + (query.isEmpty() ? "" : "?" + query),
        s.access(),
        Map.of(),
        "file",
        filename,
        content);
  }
}
