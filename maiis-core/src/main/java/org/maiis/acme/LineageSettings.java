package org.maiis.acme;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.maiis.config.TlsConfig.KeyType;

/**
 * How a lineage was issued, kept in {@code renewal/NAME.json} so renew, status and revoke need
 * nothing else. Secrets (the EAB HMAC key) are never stored: an existing account needs none.
 *
 * @param name the lineage name
 * @param domains the identifiers, primary first
 * @param directory the ACME directory URL
 * @param caBundle PEM bundle trusted for the CA's own TLS, or null for the system trust store
 * @param challenge how identifiers are proven
 * @param keyType the certificate key
 * @param profile the ACME profile requested, or null
 * @param deployHook the command run after a renewal, or null
 * @param eabKid the external account binding key id the account was created with, or null
 */
public record LineageSettings(
    String name,
    List<String> domains,
    URI directory,
    Path caBundle,
    Challenge challenge,
    KeyType keyType,
    String profile,
    String deployHook,
    String eabKid) {

  /** Fills the list defensively (empty when a hand-edited file lacks it). */
  public LineageSettings {
    domains = domains == null ? List.of() : List.copyOf(domains);
  }

  /**
   * The first field renew and revoke cannot do without that is absent (a hand-edited or truncated
   * renewal file), or null when the settings are complete.
   */
  public String missingField() {
    if (name == null || name.isBlank()) {
      return "name";
    }
    if (domains.isEmpty()) {
      return "domains";
    }
    if (directory == null) {
      return "directory";
    }
    if (keyType == null) {
      return "keyType";
    }
    if (challenge == null || challenge.type() == null) {
      return "challenge";
    }
    switch (challenge.type()) {
      case "webroot":
        return challenge.webroot() == null ? "challenge.webroot" : null;
      case "standalone":
        return challenge.httpPort() == null ? "challenge.httpPort" : null;
      case "dns":
        return challenge.dnsHook() == null || challenge.dnsHook().isBlank()
            ? "challenge.dnsHook"
            : null;
      default:
        return "challenge.type";
    }
  }

  /** A copy with other domains. */
  public LineageSettings withDomains(List<String> names) {
    return new LineageSettings(
        name, names, directory, caBundle, challenge, keyType, profile, deployHook, eabKid);
  }

  /** A copy with another challenge. */
  public LineageSettings withChallenge(Challenge c) {
    return new LineageSettings(
        name, domains, directory, caBundle, c, keyType, profile, deployHook, eabKid);
  }

  /** A copy with another deploy hook. */
  public LineageSettings withDeployHook(String hook) {
    return new LineageSettings(
        name, domains, directory, caBundle, challenge, keyType, profile, hook, eabKid);
  }

  /**
   * How the CA's challenges are answered.
   *
   * @param type webroot, standalone or dns
   * @param webroot the directory served at /.well-known/acme-challenge/ (webroot)
   * @param httpPort the port the built-in server listens on (standalone)
   * @param httpAddress the address it binds, or null for all addresses (standalone)
   * @param dnsHook the command that publishes and removes TXT records (dns)
   */
  public record Challenge(
      String type, Path webroot, Integer httpPort, String httpAddress, String dnsHook) {
    /** http-01 from files under {@code webroot}. */
    public static Challenge webroot(Path webroot) {
      return new Challenge("webroot", webroot.toAbsolutePath().normalize(), null, null, null);
    }

    /** http-01 from a built-in server on {@code port} of {@code address} (null: all). */
    public static Challenge standalone(int port, String address) {
      return new Challenge("standalone", null, port, address, null);
    }

    /** dns-01 through {@code hook}. */
    public static Challenge dns(String hook) {
      return new Challenge("dns", null, null, null, hook);
    }

    /**
     * The challenge a command line chose: dns-01 through {@code dnsHook}, else the built-in server
     * on {@code httpPort} when {@code standalone}, else files under {@code webroot}; null when it
     * named none.
     */
    public static Challenge chosen(Path webroot, boolean standalone, String dnsHook, int httpPort) {
      return dnsHook != null
          ? dns(dnsHook)
          : standalone ? standalone(httpPort, null) : webroot != null ? webroot(webroot) : null;
    }
  }
}
