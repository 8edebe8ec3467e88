package org.maiis.server.http;

import java.net.URI;

/** URLs of the HTTP services the server calls (Ollama, Qdrant, speech APIs). */
public final class Urls {
  private Urls() {}

  /**
   * {@code path} (starting with {@code /}) under {@code base}, whether or not the configured base
   * ends in a slash; a path prefix of the base is kept (a service behind a reverse proxy).
   */
  public static URI under(URI base, String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }
}
