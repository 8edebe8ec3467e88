package org.maiis.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.maiis.process.ProcessRunner;

/**
 * A throw-away self-signed certificate for {@code nginx -t}, which loads the certificate files that
 * production will only have after {@code maiis ssl issue}. Made with the openssl command (installed
 * wherever nginx is, in practice) inside the check's temporary directory.
 */
final class PlaceholderCertificate {
  private PlaceholderCertificate() {}

  /**
   * Writes {@code fullchain.pem} and {@code privkey.pem} into {@code dir}.
   *
   * @throws IOException when openssl is missing or fails
   */
  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    ProcessRunner.Result r =
        new ProcessRunner(Duration.ofSeconds(30))
            .run(
                List.of(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-nodes",
                    "-days",
                    "1",
                    "-subj",
                    "/CN=maiis-placeholder",
                    "-keyout",
                    dir.resolve("privkey.pem").toString(),
                    "-out",
                    dir.resolve("fullchain.pem").toString()),
                null,
                java.util.Map.of(),
                null);
    if (!r.ok()) {
      throw new IOException(
          "openssl could not make a placeholder certificate: "
              + r.stderr().lines().findFirst().orElse("exit " + r.exitCode()));
    }
  }
}
