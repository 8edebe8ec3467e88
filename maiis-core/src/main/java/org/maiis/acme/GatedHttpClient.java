package org.maiis.acme;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client of one CA's session, which closes the CA's {@link CaGate} whenever the CA answers
 * 429 or 503 with a Retry-After. acme4j turns a 503 into a plain "HTTP 503" and keeps its
 * Retry-After to itself; here it reaches the gate, so the run's other requests to that CA wait too.
 */
final class GatedHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final Pacing pacing;

  /** Sends through {@code delegate}; a Retry-After closes the gate of {@code pacing}. */
  GatedHttpClient(HttpClient delegate, Pacing pacing) {
    this.delegate = delegate;
    this.pacing = pacing;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> response = delegate.send(request, handler);
    if (response.statusCode() == 429 || response.statusCode() == 503) {
      response
          .headers()
          .firstValue("Retry-After")
          .flatMap(v -> retryAfter(v, pacing.clock().instant()))
          .ifPresent(pacing.gate()::pause);
    }
    return response;
  }

  /** RFC 9110 Retry-After: delay-seconds or an HTTP date; empty when it is neither. */
  static Optional<Instant> retryAfter(String value, Instant now) {
    String v = value.strip();
    if (v.matches("[0-9]{1,9}")) {
      return Optional.of(now.plusSeconds(Long.parseLong(v)));
    }
    try {
      return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return delegate.sendAsync(request, handler, push);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<java.time.Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
