package org.maiis.server.platform;

import io.javalin.config.RoutesConfig;

/**
 * One area of the API (auth, banking, documents, ...): it builds its services from the {@link
 * Platform} in its constructor and registers its routes here. A new area is one package with one
 * module, and one line in the server's module list.
 */
public interface ServerModule extends AutoCloseable {
  /** Registers the area's HTTP and WebSocket routes. */
  void routes(RoutesConfig routes);

  /** The largest multipart request the area accepts; 0 when it takes none. */
  default long maxMultipartBytes() {
    return 0;
  }

  /** Stops the area's own threads and clients; the platform's shared parts are closed after. */
  @Override
  default void close() {}
}
