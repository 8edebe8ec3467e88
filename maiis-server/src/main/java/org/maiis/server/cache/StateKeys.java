package org.maiis.server.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Keys of the shared state that name a person or an address by hash, never in clear. */
public final class StateKeys {
  private StateKeys() {}

  /** The first 128 bits of SHA-256 of {@code value}, in hex: stable, short, not reversible. */
  public static String hashed(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
