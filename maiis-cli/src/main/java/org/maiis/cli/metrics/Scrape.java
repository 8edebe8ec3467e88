package org.maiis.cli.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;

/** Fetches a /metrics page in Prometheus text format, as Prometheus would. */
final class Scrape {
  private Scrape() {}

  static String fetch(String url) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(30))
                  .header("Accept", "text/plain;version=0.0.4")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new CliFailure(ExitCodes.FAILURE, url + ": HTTP " + r.statusCode());
      }
      return r.body();
    } catch (IOException | IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.FAILURE, url + ": cannot scrape: " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.FAILURE, url + ": interrupted");
    }
  }

  /** A readable cause: the JDK's connect errors often carry no message of their own. */
  private static String reason(Exception e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
