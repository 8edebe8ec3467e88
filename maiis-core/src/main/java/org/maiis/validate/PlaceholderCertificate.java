package org.maiis.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.files.AtomicFiles;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;
import org.maiis.tls.Pem;

/**
 * A throw-away self-signed certificate for {@code nginx -t}, which loads the certificate files that
 * production will only have after {@code maiis ssl issue}. Made in-process, inside the check's
 * temporary directory.
 */
final class PlaceholderCertificate {
  private PlaceholderCertificate() {}

  /** Writes {@code fullchain.pem} and {@code privkey.pem} into {@code dir}. */
  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    KeyPair key = KeyPairs.generate(KeyType.EC256);
    Instant now = Instant.now();
    X509Certificate cert =
        Certificates.selfSigned(
            key,
            List.of("maiis-placeholder"),
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(1)));
    AtomicFiles.writeString(dir.resolve("fullchain.pem"), Pem.certificates(List.of(cert)));
    AtomicFiles.write(
        dir.resolve("privkey.pem"),
        Pem.privateKey(key.getPrivate()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        AtomicFiles.PRIVATE);
  }
}
