package org.maiis.server.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.maiis.server.http.Urls;

/**
 * A speech provider behind an HTTP API with an account key: it is unavailable while the key is
 * missing, and health probes one cheap authenticated GET (cached by the account).
 */
abstract class RemoteProvider extends NamedProvider {
  final URI base;
  final RemoteAccount account;
  final RemoteApi api;
  final ObjectMapper json = new ObjectMapper();
  private final String authHeader;
  private final UnaryOperator<String> authValue;

  /**
   * @param authHeader the header that carries the key
   * @param authValue the header's value for a key
   */
  RemoteProvider(
      String name,
      URI base,
      RemoteAccount account,
      RemoteApi api,
      String authHeader,
      UnaryOperator<String> authValue) {
    super(name);
    this.base = base;
    this.account = account;
    this.api = api;
    this.authHeader = authHeader;
    this.authValue = authValue;
  }

  @Override
  public Optional<String> unavailableReason() {
    return account.unavailableReason();
  }

  /** A request to {@code path} under the base URL, authenticated with {@code key}. */
  HttpRequest.Builder request(String path, String key) {
    return HttpRequest.newBuilder(Urls.under(base, path)).header(authHeader, authValue.apply(key));
  }

  /** Health: a GET of {@code path} (named {@code endpoint} in metrics) proves the key works. */
  ProviderStatus probe(String endpoint, String path) {
    return account.status(key -> api.probe(endpoint, () -> request(path, key).GET()));
  }
}
