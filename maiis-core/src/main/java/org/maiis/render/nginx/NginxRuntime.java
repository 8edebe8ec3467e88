package org.maiis.render.nginx;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the running nginx keeps its own files. These lines depend on the machine, not on
 * maiis.yaml: a system install uses the distribution's paths, while a check or test run keeps
 * everything inside a private prefix ({@code nginx -p DIR/}) so it needs no root paths.
 *
 * @param user the worker user, or empty to leave the compiled-in default (needed when not root)
 * @param pidFile the pid file
 * @param errorLog the error log
 * @param accessLog the JSON access log
 * @param privateTempPaths keep request-body and proxy temp files under the prefix
 * @param certDir replaces tls.cert_dir (a check run points it at placeholder certificates)
 */
public record NginxRuntime(
    Optional<String> user,
    String pidFile,
    String errorLog,
    String accessLog,
    boolean privateTempPaths,
    Optional<Path> certDir) {

  /** Debian/Ubuntu paths; other distributions override nginx.conf.mustache with --templates. */
  public static final NginxRuntime SYSTEM =
      new NginxRuntime(
          Optional.of("www-data"),
          "/run/nginx.pid",
          "/var/log/nginx/error.log",
          "/var/log/nginx/access.log",
          false,
          Optional.empty());

  /**
   * Everything relative to the prefix given with {@code nginx -p DIR/}.
   *
   * @param certDir certificates to serve instead of tls.cert_dir, or empty to keep it
   */
  public static NginxRuntime privatePrefix(Optional<Path> certDir) {
    return new NginxRuntime(
        Optional.empty(), "nginx.pid", "error.log", "access.log", true, certDir);
  }
}
