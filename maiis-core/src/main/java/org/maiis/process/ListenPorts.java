package org.maiis.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a process could listen on an address now. */
public final class ListenPorts {
  private ListenPorts() {}

  /**
   * Whether {@code host:port} can be bound now (port 0, any free port, always can). The probe is
   * closed at once and uses SO_REUSEADDR, as servers do, so a port whose last connections linger in
   * TIME_WAIT is not mistaken for a busy one.
   */
  public static boolean free(String host, int port) {
    if (port == 0) {
      return true;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
