package org.maiis.server;

import java.io.IOException;
import org.maiis.process.ListenPorts;

/**
 * The listen address is taken by another process. Found before anything else starts, so a conflict
 * is reported at once rather than after the database is opened and migrated.
 */
public final class PortInUseException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String host;
  private final int port;

  PortInUseException(String host, int port, Throwable cause) {
    super(host + ":" + port + " is in use by another process", cause);
    this.host = host;
    this.port = port;
  }

  /** Throws when nothing may listen on {@code host:port} right now. */
  static void checkFree(String host, int port) throws PortInUseException {
    if (!ListenPorts.free(host, port)) {
      throw new PortInUseException(host, port, null);
    }
  }

  /** The address that was asked for. */
  public String host() {
    return host;
  }

  /** The port that was asked for. */
  public int port() {
    return port;
  }
}
