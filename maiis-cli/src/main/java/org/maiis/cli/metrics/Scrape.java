package org.maiis.cli.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.maiis.cli.CliFailure;
import org.maiis.cli.ExitCodes;

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
      throw new CliFailure(ExitCodes.FAILURE, url + ": cannot scrape: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.FAILURE, url + ": interrupted");
    }
  }
}
