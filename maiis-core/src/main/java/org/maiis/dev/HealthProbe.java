package org.maiis.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a component's health URL whether it is up. */
public final class HealthProbe {
  private final HttpClient client;
  private final Duration timeout;

  /** A probe using {@code client}, waiting at most {@code timeout} per request. */
  public HealthProbe(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

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
