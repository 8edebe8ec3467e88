package org.maiis.dev;

import java.util.List;
import java.util.Optional;

/**
 * One process of the local stack, as {@code maiis dev up} plans it.
 *
 * @param name component name (api, nginx, prometheus, alertmanager, blackbox)
 * @param aptPackage the Debian package that installs the program
 * @param command the command line, or empty when the program is not installed
 * @param url where it serves, for the user
 * @param healthUrl an URL answering 2xx once it is up
 */
public record DevComponent(
    String name,
    String aptPackage,
    Optional<List<String>> command,
    String url,
    Optional<String> healthUrl) {

  /** Whether the program was found. */
  public boolean installed() {
    return command.isPresent();
  }
}
