package org.maiis.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.maiis.config.Secret;
import org.maiis.files.AtomicFiles;

/** The HS256 signing key: from {@code server.jwt_secret}, else generated once under data_dir. */
public final class JwtSecret {
  /** File under the data directory that keeps a generated key (mode 0600). */
  public static final String FILE = "jwt.secret";

  private JwtSecret() {}

  /**
   * The key bytes (at least 32).
   *
   * @throws IllegalStateException when the configured secret is shorter than 32 bytes
   */
  public static byte[] load(Optional<Secret> configured, Path dataDir, Function<String, String> env)
      throws IOException {
    if (configured.isPresent()) {
      byte[] key = configured.get().resolve(env).getBytes(StandardCharsets.UTF_8);
      if (key.length < 32) {
        throw new IllegalStateException(
            "server.jwt_secret " + configured.get() + " must be at least 32 bytes for HS256");
      }
      return key;
    }
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      return Base64.getUrlDecoder().decode(Files.readString(file).strip());
    }
    byte[] key = new byte[64];
    new SecureRandom().nextBytes(key);
    AtomicFiles.write(
        file, Base64.getUrlEncoder().withoutPadding().encode(key), AtomicFiles.PRIVATE);
    return key;
  }
}
