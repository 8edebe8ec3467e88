package org.maiis.server.voice;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One remote speech provider's HTTP calls: a timeout per attempt, bounded retries with growing
 * pauses on 429 and 5xx, and the external API metrics for every attempt. Failures name the provider
 * and the HTTP status only: response bodies may echo the API key (OpenAI's "incorrect API key"
 * message does), so they are never quoted.
 */
final class RemoteApi {
  /** Longest a health probe waits: health must answer promptly even when an API hangs. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  /** Longest pause between attempts, also the cap on a server's Retry-After. */
  static final Duration MAX_PAUSE = Duration.ofSeconds(4);

  /** What the provider answered. */
  record Answer(int status, byte[] body) {}

  private final String provider;
  private final HttpClient client;
  private final Duration timeout;
  private final int retries;
  private final Duration firstPause;
  private final VoiceMetrics metrics;

  /**
   * @param provider name in metrics and messages
   * @param timeout limit for one attempt
   * @param retries attempts after the first on 429/5xx
   * @param firstPause pause before the first retry; doubled for each next one
   */
  RemoteApi(
      String provider,
      HttpClient client,
      Duration timeout,
      int retries,
      Duration firstPause,
      VoiceMetrics metrics) {
    this.provider = provider;
    this.client = client;
    this.timeout = timeout;
    this.retries = retries;
    this.firstPause = firstPause;
    this.metrics = metrics;
  }

  /** The URI {@code path} (which may carry a query) under {@code base}, whatever its trailing /. */
  /**
   * Sends the request {@code build} makes (once per attempt) and returns a 2xx answer.
   *
   * @param endpoint short endpoint name for metrics (never the URL)
   * @throws SpeechFailure on a timeout, a network error, a refused key or another non-2xx answer
   */
  Answer send(String endpoint, Supplier<HttpRequest.Builder> build) throws SpeechFailure {
    return send(endpoint, build, timeout, retries);
  }

  /** As {@link #send}, once (no retries) and within {@link #PROBE_TIMEOUT}: for health checks. */
  Answer probe(String endpoint, Supplier<HttpRequest.Builder> build) throws SpeechFailure {
    return send(endpoint, build, timeout.compareTo(PROBE_TIMEOUT) < 0 ? timeout : PROBE_TIMEOUT, 0);
  }

  private Answer send(
      String endpoint, Supplier<HttpRequest.Builder> build, Duration attemptTimeout, int maxRetries)
      throws SpeechFailure {
    for (int attempt = 0; ; attempt++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> r;
      try {
        r =
            client.send(
                build.get().timeout(attemptTimeout).build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException e) {
        metrics.externalApi(provider, endpoint, false, since(start));
        throw new SpeechFailure(
            provider + " did not answer within " + attemptTimeout.toMillis() + " ms");
      } catch (IOException e) {
        metrics.externalApi(provider, endpoint, false, since(start));
        throw new SpeechFailure(provider + " could not be reached");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SpeechFailure(provider + " call was interrupted");
      }
      int status = r.statusCode();
      boolean ok = status / 100 == 2;
      metrics.externalApi(provider, endpoint, ok, since(start));
      if (ok) {
        return new Answer(status, r.body());
      }
      boolean transient_ = status == 429 || status / 100 == 5;
      if (!transient_ || attempt >= maxRetries) {
        throw new SpeechFailure(failure(status, attempt + 1));
      }
      pause(attempt, r.headers().firstValue("Retry-After").orElse(null));
    }
  }

  private String failure(int status, int attempts) {
    if (status == 401 || status == 403) {
      return provider + " refused the API key (HTTP " + status + ")";
    }
    return provider
        + " answered HTTP "
        + status
        + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
  }

  private void pause(int attempt, String retryAfter) throws SpeechFailure {
    Duration pause = firstPause.multipliedBy(1L << Math.min(attempt, 10));
    if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
      pause = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
    }
    if (pause.compareTo(MAX_PAUSE) > 0) {
      pause = MAX_PAUSE;
    }
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpeechFailure(provider + " call was interrupted");
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
