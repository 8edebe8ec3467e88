package org.maiis.server.api;

import java.io.IOException;
import java.util.Map;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** Multipart document uploads for tests. */
final class Uploads {
  private Uploads() {}

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
