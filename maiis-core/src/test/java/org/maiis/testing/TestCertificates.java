package org.maiis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.files.AtomicFiles;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;
import org.maiis.tls.Pem;

/** Self-signed server certificates for tests that start a TLS server (nginx, a JDK listener). */
public final class TestCertificates {
  private TestCertificates() {}

  /**
   * Writes {@code fullchain.pem} and {@code privkey.pem} (EC P-256, two days) into {@code dir}.
   *
   * @param names DNS names or IP addresses; the first is the subject
   */
  public static void writeSelfSigned(Path dir, String... names) throws IOException {
    Files.createDirectories(dir);
    KeyPair key = KeyPairs.generate(KeyType.EC256);
    Instant now = Instant.now();
    AtomicFiles.writeString(
        dir.resolve("fullchain.pem"),
        Pem.certificates(
            List.of(
                Certificates.selfSigned(
                    key,
                    List.of(names),
                    now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(2))))));
    AtomicFiles.write(
        dir.resolve("privkey.pem"),
        Pem.privateKey(key.getPrivate()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        AtomicFiles.PRIVATE);
  }
}
