package org.maiis.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a component's health URL whether it is up.
 *
 * @param client the client the probe sends its requests with
 * @param timeout how long the probe waits at most per request
 */
public record HealthProbe(HttpClient client, Duration timeout) {

  /** Whether {@code url} answers a 2xx status now. */
  public boolean healthy(String url) {
    try {
      HttpResponse<Void> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
