package org.maiis.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.maiis.config.MaiisConfig;
import org.maiis.process.ProcessRunner;
import org.maiis.render.nginx.NginxArtifact;
import org.maiis.render.nginx.NginxRuntime;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/**
 * Runs {@code nginx -t} on the rendered nginx tree in a private prefix: the tree is rendered again
 * with its runtime paths (pid, logs, temp files) inside a temporary directory and the certificate
 * paths pointing at a placeholder certificate made there, so the check needs no root paths and no
 * issued certificate. Every other line is the same as in the real tree.
 */
public final class NginxSyntaxCheck {
  // "nginx: [emerg] ..." before the error_log directive is read, "DATE TIME [emerg] PID#TID: ..."
  // after it.
  private static final Pattern MESSAGE =
      Pattern.compile(
          "(?:nginx: |\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d )"
              + "\\[(emerg|alert|crit|error|warn)\\] (?:\\d+#\\d+: )?(.*?)(?: in (\\S+):(\\d+))?$");

  private final NginxInstallation nginx;

  /** Checks with {@code nginx}. */
  public NginxSyntaxCheck(NginxInstallation nginx) {
    this.nginx = nginx;
  }

  /**
   * The problems nginx reports for {@code config} rendered with {@code templates}; empty when
   * {@code nginx -t} passes without warnings.
   */
  public List<ValidationProblem> check(MaiisConfig config, Templates templates) throws IOException {
    Path tmp = Files.createTempDirectory("maiis-nginx-t-");
    try {
      Path certs = tmp.resolve("certs");
      PlaceholderCertificate.write(certs.resolve("live").resolve(config.site().name()));
      RenderedTree tree =
          new NginxArtifact(NginxRuntime.privatePrefix(Optional.of(certs)))
              .render(config, templates);
      tree.writeTo(tmp);
      Path prefix = tmp.resolve("nginx");
      ProcessRunner.Result r =
          new ProcessRunner(Duration.ofSeconds(30))
              .run(
                  List.of(
                      nginx.binary().toString(),
                      "-t",
                      "-q",
                      "-p",
                      prefix + "/",
                      "-c",
                      prefix.resolve("nginx.conf").toString()),
                  tmp,
                  Map.of(),
                  null);
      return problems(r, tmp);
    } finally {
      deleteTree(tmp);
    }
  }

  private static List<ValidationProblem> problems(ProcessRunner.Result r, Path tmp) {
    List<ValidationProblem> out = new ArrayList<>();
    String root = tmp.toString() + "/";
    for (String line : (r.stderr() + r.stdout()).split("\n")) {
      Matcher m = MESSAGE.matcher(line.strip());
      if (m.matches()) {
        String file = m.group(3) == null ? "nginx/nginx.conf" : m.group(3).replace(root, "");
        int n = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        out.add(
            new ValidationProblem(
                file, n, "nginx -t: [" + m.group(1) + "] " + m.group(2).replace(root, "")));
      }
    }
    if (out.isEmpty() && !r.ok()) {
      String first = r.stderr().lines().findFirst().orElse("exit " + r.exitCode());
      out.add(new ValidationProblem("nginx/nginx.conf", 0, "nginx -t failed: " + first));
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
