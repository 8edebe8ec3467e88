package org.maiis.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A rule a string value must satisfy before it can reach a rendered file. The rules are strict on
 * purpose: a value that ends up in nginx or YAML must not be able to close a quote, end a directive
 * or start a new line.
 *
 * @param ok accepts good values
 * @param what the message for a bad value, {@code %s} standing for the quoted value
 * @param expected what would be accepted
 */
record Check(Predicate<String> ok, String what, String expected) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  static final Check DOMAIN =
      new Check(
          v -> isHostname(v, false),
          "%s is not a valid domain name",
          "lower-case DNS name such as bank.example.com");
  static final Check DOMAIN_OR_WILDCARD =
      new Check(
          v -> isHostname(v, true),
          "%s is not a valid domain name",
          "DNS name such as bank.example.com or *.example.com");
  static final Check HOST =
      new Check(
          v -> isHostname(v, false) || IPV4.matcher(v).matches() || isBracketedIpv6(v),
          "%s is not a host name or IP address",
          "host name, IPv4 address or [IPv6] address");
  static final Check EMAIL =
      new Check(Check::isEmail, "%s is not an e-mail address", "name@example.com");
  static final Check NAME =
      new Check(
          v -> v.matches("[a-z0-9][a-z0-9._-]{0,62}"),
          "%s is not a valid name",
          "lower-case letters, digits, '.', '_' or '-', up to 63 characters");
  static final Check ABSOLUTE_PATH =
      new Check(
          v -> v.startsWith("/") && safeForConfig(v) && !v.contains(" "),
          "%s is not a safe absolute path",
          "an absolute path without spaces, quotes, ';', '{', '}', '$' or '#'");
  static final Check PATH =
      new Check(
          v -> !v.isEmpty() && safeForConfig(v) && !v.contains(" "),
          "%s is not a safe path",
          "a path without spaces, quotes, ';', '{', '}', '$' or '#'");
  static final Check URL_PATH =
      new Check(
          v -> v.matches("/[A-Za-z0-9._~/-]*"),
          "%s is not a URL path",
          "a path such as /api/chat/ws (letters, digits, '.', '_', '~', '-', '/')");
  static final Check HTTP_URL =
      new Check(
          v -> isUrl(v, true),
          "%s is not an http(s) URL",
          "a URL such as https://host.example.com/path");
  static final Check HTTPS_URL =
      new Check(
          v -> isUrl(v, false),
          "%s is not an https URL",
          "a URL such as https://acme.example.com/directory");
  static final Check ORIGIN =
      new Check(
          v -> isUrl(v, true) && URI.create(v).getRawPath().isEmpty(),
          "%s is not a web origin",
          "scheme://host[:port] with no path, such as https://app.example.com");
  static final Check HEADER_VALUE =
      new Check(
          v ->
              !v.isEmpty()
                  && v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                  && v.indexOf('"') < 0
                  && v.indexOf('\\') < 0
                  && v.indexOf('$') < 0,
          "%s cannot be sent as an HTTP header by nginx",
          "printable ASCII without '\"', '\\\\' or '$'");
  static final Check SHELL_COMMAND =
      new Check(
          v -> !v.isBlank() && v.indexOf('\n') < 0 && v.indexOf('\r') < 0 && v.indexOf(0) < 0,
          "%s is not a single-line command",
          "one line, run with /bin/sh -c");
  static final Check JDBC_URL =
      new Check(
          v -> v.startsWith("jdbc:postgresql://") || v.startsWith("jdbc:h2:"),
          "%s is not a supported database URL",
          "jdbc:postgresql://host:5432/db or jdbc:h2:file:/path");
  static final Check REDIS_URL =
      new Check(
          v -> isScheme(v, "redis") || isScheme(v, "rediss"),
          "%s is not a Redis URL",
          "redis://host:6379/0 or rediss://host:6380/0 (password as a secret, not in the URL)");
  static final Check VERSION =
      new Check(
          v -> v.matches("\\d{1,3}(\\.\\d{1,3}){1,2}"),
          "%s is not a version number",
          "a version such as 1.22.1 or 3.0");
  static final Check LABEL_VALUE =
      new Check(
          v -> v.matches("[A-Za-z0-9._-]{1,63}"),
          "%s is not a safe identifier",
          "letters, digits, '.', '_' or '-', up to 63 characters");
  static final Check CHANNEL =
      new Check(
          v -> v.matches("[#@]?[a-z0-9._-]{1,80}"),
          "%s is not a Slack channel",
          "a channel such as #alerts");
  static final Check LABEL_VALUE_OR_RELEASE =
      new Check(
          v -> v.matches("[A-Za-z0-9._@:+/-]{1,128}"),
          "%s is not a valid name",
          "letters, digits and . _ @ : + / -, such as maiis@1.2.0 or llama3.2:3b");
  static final Check ANY_LINE =
      new Check(
          v -> v.indexOf('\n') < 0 && v.indexOf('\r') < 0 && v.indexOf(0) < 0,
          "%s must be a single line",
          "text without line breaks");

  /** One of the lower-case names of an enum's constants. */
  static <E extends Enum<E>> Check oneOf(Class<E> type) {
    java.util.List<String> words = new java.util.ArrayList<>();
    for (E e : type.getEnumConstants()) {
      words.add(e.name().toLowerCase(Locale.ROOT));
    }
    return new Check(words::contains, "%s is not allowed", "one of: " + String.join(", ", words));
  }

  /** The problem with {@code value}, or null when it passes. */
  String problem(String value) {
    if (ok.test(value)) {
      return null;
    }
    if ((this == DOMAIN || this == DOMAIN_OR_WILDCARD) && !value.chars().allMatch(c -> c < 0x80)) {
      // nginx and ACME take internationalized names only in their ASCII (xn--) form.
      try {
        String star = value.startsWith("*.") ? "*." : "";
        String ascii =
            star
                + java.net
                    .IDN
                    .toASCII(value.substring(star.length()), java.net.IDN.USE_STD3_ASCII_RULES)
                    .toLowerCase(Locale.ROOT);
        if (ok.test(ascii)) {
          return quote(value) + " is an internationalized name; write its ASCII form " + ascii;
        }
      } catch (IllegalArgumentException e) {
        // Not a name IDNA can convert either; the plain message below fits.
      }
    }
    return String.format(Locale.ROOT, what, quote(value));
  }

  /** The value for an error message: shortened, escaped, and with any URL credentials masked. */
  static String quote(String value) {
    String masked =
        value
            .replaceAll("://[^/@\\s]*@", "://***@")
            .replaceAll("(?i)(password|passwd|pwd|token|secret|key)=[^&\\s]*", "$1=***");
    String shown = masked.length() > 60 ? masked.substring(0, 57) + "..." : masked;
    return "'"
        + shown.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        + "'";
  }

  /** A number for an error message: whole numbers without a fraction (3, not 3.0). */
  static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * No character that could end an nginx directive, open a block, quote, comment or interpolate.
   */
  static boolean safeForConfig(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c == 0x7f || ";{}\"'`$#\\".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHostname(String v, boolean allowWildcard) {
    String s = allowWildcard && v.startsWith("*.") ? v.substring(2) : v;
    if (s.isEmpty() || s.length() > 253 || s.endsWith(".")) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !IPV4.matcher(s).matches() && !s.matches("[0-9.]+");
  }

  private static boolean isBracketedIpv6(String v) {
    return v.startsWith("[")
        && v.endsWith("]")
        && IPV6.matcher(v.substring(1, v.length() - 1)).matches()
        && v.contains(":");
  }

  private static boolean isEmail(String v) {
    int at = v.lastIndexOf('@');
    return at > 0
        && v.substring(0, at).matches("[A-Za-z0-9._%+-]{1,64}")
        && isHostname(v.substring(at + 1).toLowerCase(Locale.ROOT), false);
  }

  private static boolean isUrl(String v, boolean allowHttp) {
    if (!safeForConfig(v.replace("#", "")) || v.contains(" ")) {
      return false;
    }
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme();
      boolean schemeOk = "https".equals(scheme) || (allowHttp && "http".equals(scheme));
      return schemeOk && uri.getHost() != null && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isScheme(String v, String scheme) {
    try {
      URI uri = new URI(v);
      return scheme.equals(uri.getScheme())
          && uri.getHost() != null
          && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
