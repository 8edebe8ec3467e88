package org.maiis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;

/** Requests the CLI tests send to a running API. */
public final class ApiRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiRequests() {}

  /** POST {@code body} as JSON to BASE+PATH, with {@code token} as the bearer when not null. */
  public static HttpRequest post(String base, String path, String token, Object body)
      throws JsonProcessingException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }
}
