package org.maiis.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes, written as nginx does ({@code 512k}, {@code 10m}, {@code 1g}) or in bytes. */
public record ByteSize(long bytes) {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kKmMgG]?)");

  /** Parses {@code 10m}, {@code 512k}, {@code 1g} or a plain byte count. */
  public static Optional<ByteSize> parse(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    long factor =
        switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
          case "k" -> 1L << 10;
          case "m" -> 1L << 20;
          case "g" -> 1L << 30;
          default -> 1L;
        };
    try {
      return Optional.of(new ByteSize(Math.multiplyExact(n, factor)));
    } catch (ArithmeticException e) {
      return Optional.empty(); // 99999999999g: more bytes than a long holds
    }
  }

  /** The nginx spelling, in the largest unit that divides the size exactly. */
  public String nginx() {
    if (bytes != 0 && bytes % (1L << 30) == 0) {
      return bytes / (1L << 30) + "g";
    }
    if (bytes != 0 && bytes % (1L << 20) == 0) {
      return bytes / (1L << 20) + "m";
    }
    if (bytes != 0 && bytes % (1L << 10) == 0) {
      return bytes / (1L << 10) + "k";
    }
    return Long.toString(bytes);
  }
}
