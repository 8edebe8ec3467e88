package org.maiis.dev;

import java.util.List;
import java.util.Optional;

/**
 * One process of the local stack, as {@code maiis dev up} plans it.
 *
 * @param name component name (api, nginx, prometheus, alertmanager, blackbox)
 * @param aptPackage the Debian package that installs the program
 * @param command the command line, or empty when the program is not installed
 * @param url where it serves, for the user (answers 2xx once it is up)
 * @param healthUrl an URL answering 2xx once it is up
 * @param binds the addresses it listens on: they must be free before it starts, or its health URL
 *     might be answered by another process
 */
public record DevComponent(
    String name,
    String aptPackage,
    Optional<List<String>> command,
    String url,
    Optional<String> healthUrl,
    List<Bind> binds) {

  /**
   * An address a component listens on.
   *
   * @param host address to bind ("0.0.0.0" for all)
   * @param port port
   * @param configKey the config key that sets it, named when it is taken
   */
  public record Bind(String host, int port, String configKey) {
    /** {@code host:port} as given in the config, e.g. {@code 127.0.0.1:9090}. */
    public static Bind of(String hostPort, String configKey) {
      int colon = hostPort.lastIndexOf(':');
      return new Bind(
          hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), configKey);
    }

    /** {@code host:port (config key)}, for messages. */
    @Override
    public String toString() {
      return host + ":" + port + " (" + configKey + ")";
    }
  }

  /** A component whose listen addresses are not known (nothing is checked before it starts). */
  public DevComponent(
      String name,
      String aptPackage,
      Optional<List<String>> command,
      String url,
      Optional<String> healthUrl) {
    this(name, aptPackage, command, url, healthUrl, List.of());
  }

  /** Whether the program was found. */
  public boolean installed() {
    return command.isPresent();
  }
}
