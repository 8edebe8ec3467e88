package org.maiis.validate;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maiis.process.ProcessRunner;
import org.maiis.render.nginx.Version;

/**
 * An installed nginx binary and the versions it reports with {@code nginx -V}.
 *
 * @param binary the executable
 * @param version nginx's version
 * @param openssl the OpenSSL version it was built with
 */
public record NginxInstallation(Path binary, Version version, Version openssl) {
  private static final Pattern NGINX_VERSION = Pattern.compile("nginx version: nginx/(\\S+)");
  private static final Pattern OPENSSL_VERSION = Pattern.compile("OpenSSL (\\d+\\.\\d+\\S*)");

  /**
   * Finds nginx on PATH (and in /usr/sbin and /sbin, where distributions put it) and asks it for
   * its versions; empty when it is not installed or does not answer.
   *
   * @param env the environment (System::getenv)
   */
  public static Optional<NginxInstallation> find(Function<String, String> env) throws IOException {
    String path = env.apply("PATH");
    String dirs = (path == null ? "" : path) + File.pathSeparator + "/usr/sbin:/sbin";
    for (String dir : dirs.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "nginx");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return probe(candidate);
      }
    }
    return Optional.empty();
  }

  /** Asks {@code binary} for its versions; empty when the answer cannot be read. */
  public static Optional<NginxInstallation> probe(Path binary) throws IOException {
    ProcessRunner.Result r =
        new ProcessRunner(Duration.ofSeconds(10)).run(List.of(binary.toString(), "-V"));
    String text = r.stderr() + r.stdout();
    Matcher n = NGINX_VERSION.matcher(text);
    Matcher o = OPENSSL_VERSION.matcher(text);
    if (!r.ok() || !n.find()) {
      return Optional.empty();
    }
    Version openssl = o.find() ? Version.parse(o.group(1)) : new Version(0, 0, 0);
    return Optional.of(new NginxInstallation(binary, Version.parse(n.group(1)), openssl));
  }
}
