package org.maiis.tls;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the names asked for on a certificate before anything talks to a CA or signs: a CA rejects
 * a bad name only after an account and an order exist, and a self-signed certificate with an empty
 * or malformed SAN is useless.
 */
public final class DomainNames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

  private DomainNames() {}

  /**
   * The names as they go on the certificate: lower-cased, one trailing dot dropped, repeated names
   * dropped (the first occurrence keeps its place, so the primary name stays first).
   *
   * @throws IllegalArgumentException naming the first bad name and why it is bad
   */
  public static List<String> normalize(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : names) {
      out.add(check(raw));
    }
    return new ArrayList<>(out);
  }

  private static String check(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("empty domain name");
    }
    String n = raw.strip().toLowerCase(Locale.ROOT);
    if (n.endsWith(".") && n.length() > 1) {
      n = n.substring(0, n.length() - 1);
    }
    if (IPV4.matcher(n).matches()) {
      return n;
    }
    if (n.contains(":")) {
      if (IPV6.matcher(n).matches() && isIpv6(n)) {
        return n;
      }
      throw bad(raw, "not a valid IPv6 address");
    }
    if (n.matches("[0-9.]+")) {
      throw bad(raw, "not a valid IPv4 address");
    }
    if (n.length() > 253) {
      throw bad(raw, "longer than 253 characters");
    }
    String host = n.startsWith("*.") ? n.substring(2) : n;
    if (host.isEmpty()) {
      throw bad(raw, "a wildcard needs a domain after '*.'");
    }
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty()) {
        throw bad(raw, "empty label");
      }
      if (label.length() > 63) {
        throw bad(raw, "label '" + label + "' is longer than 63 characters");
      }
      if (label.equals("*")) {
        throw bad(raw, "'*' is only allowed as the whole first label");
      }
      if (!LABEL.matcher(label).matches() && !n.chars().allMatch(c -> c < 0x80)) {
        String ascii = asciiForm(n);
        if (ascii != null) {
          // Certificates and nginx take internationalized names only in their ASCII form.
          throw bad(raw, "an internationalized name; use its ASCII (punycode) form " + ascii);
        }
      }
      if (!LABEL.matcher(label).matches()) {
        throw bad(
            raw,
            "label '"
                + label
                + "' must be letters, digits and '-', not starting or ending with '-'");
      }
    }
    return n;
  }

  /** The xn-- form of an internationalized name ({@code *.} kept), or null if IDNA refuses it. */
  private static String asciiForm(String n) {
    String star = n.startsWith("*.") ? "*." : "";
    try {
      return star
          + java.net
              .IDN
              .toASCII(n.substring(star.length()), java.net.IDN.USE_STD3_ASCII_RULES)
              .toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isIpv6(String n) {
    try {
      // A literal with ':' is parsed, never looked up in DNS.
      return java.net.InetAddress.getByName(n) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static IllegalArgumentException bad(String raw, String why) {
    return new IllegalArgumentException("'" + raw + "' is not a valid domain name: " + why);
  }
}
