package org.maiis.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How certificates are obtained and served.
 *
 * @param profile the Mozilla server-side TLS profile
 * @param keyType the certificate key
 * @param acme the CA and how to talk to it
 * @param renewal when a certificate is due for renewal
 * @param certDir root of the live/ and archive/ layout
 * @param webroot directory served at /.well-known/acme-challenge/ for http-01
 * @param deployHook command run after a renewal (sh -c), with MAIIS_LINEAGE etc. in its environment
 * @param target the nginx and OpenSSL versions the rendered configuration must run on
 */
public record TlsConfig(
    MozillaProfile profile,
    KeyType keyType,
    Acme acme,
    Renewal renewal,
    Path certDir,
    Path webroot,
    Optional<String> deployHook,
    Target target) {

  /** Let's Encrypt's production directory. */
  public static final URI LETS_ENCRYPT =
      URI.create("https://acme-v02.api.letsencrypt.org/directory");

  /** Let's Encrypt's staging directory. */
  public static final URI LETS_ENCRYPT_STAGING =
      URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");

  /** Mozilla server-side TLS profiles. */
  public enum MozillaProfile {
    INTERMEDIATE,
    MODERN
  }

  /** Key algorithms for certificates. */
  public enum KeyType {
    EC256,
    EC384,
    RSA2048,
    RSA3072,
    RSA4096
  }

  /**
   * The ACME CA.
   *
   * @param directory the directory URL
   * @param caBundle PEM bundle trusted for the CA's own TLS (private CAs, Pebble)
   * @param eabKid external account binding key id
   * @param eabHmacKey external account binding key (a secret reference)
   * @param profile ACME certificate profile to request (classic, tlsserver, shortlived)
   */
  public record Acme(
      URI directory,
      Optional<Path> caBundle,
      Optional<String> eabKid,
      Optional<Secret> eabHmacKey,
      Optional<String> profile) {}

  /**
   * Renewal policy when the CA gives no ACME Renewal Information window.
   *
   * @param useAri follow the CA's renewal window when it offers one
   * @param remainingFraction renew when this fraction of the lifetime is left
   * @param shortLivedRemainingFraction the same for certificates living under 10 days
   * @param concurrency lineages of one CA that one {@code maiis ssl renew} renews at the same time
   */
  public record Renewal(
      boolean useAri,
      double remainingFraction,
      double shortLivedRemainingFraction,
      int concurrency) {
    /** A policy with the default concurrency (8). */
    public Renewal(boolean useAri, double remainingFraction, double shortLivedRemainingFraction) {
      this(useAri, remainingFraction, shortLivedRemainingFraction, 8);
    }
  }

  /**
   * Versions the rendered configuration targets (directives differ between them).
   *
   * @param nginx nginx version, such as 1.22.1
   * @param openssl OpenSSL version nginx is built with, such as 3.0
   */
  public record Target(String nginx, String openssl) {}

  static TlsConfig bind(Section s) {
    Acme a = s.section("acme", TlsConfig::acme);
    Renewal renewal = s.section("renewal", TlsConfig::renewal);
    Target target = s.section("target", TlsConfig::target);

    TlsConfig tls =
        new TlsConfig(
            s.choice("profile", MozillaProfile.INTERMEDIATE, MozillaProfile.class),
            s.choice("key_type", KeyType.EC256, KeyType.class),
            a,
            renewal,
            s.optPath("cert_dir", Check.ABSOLUTE_PATH).orElse(Path.of("/etc/maiis/certs")),
            s.optPath("webroot", Check.ABSOLUTE_PATH).orElse(Path.of("/var/lib/maiis/acme")),
            s.optString("deploy_hook", Check.SHELL_COMMAND),
            target);
    if (tls.profile() == MozillaProfile.MODERN && tls.keyType().name().startsWith("RSA")) {
      s.error(
          "key_type",
          "the modern profile needs an ECDSA certificate",
          "ec256 or ec384 with profile: modern");
    }
    s.done();
    return tls;
  }

  private static Acme acme(Section acme) {
    Acme a =
        new Acme(
            directory(acme),
            acme.optPath("ca_bundle", Check.ABSOLUTE_PATH),
            acme.optString("eab_kid", Check.LABEL_VALUE),
            acme.secret("eab_hmac_key"),
            acme.optString("profile", Check.NAME));
    if (a.eabKid().isPresent() != a.eabHmacKey().isPresent()) {
      acme.error(
          a.eabKid().isPresent() ? "eab_kid" : "eab_hmac_key",
          "external account binding needs both eab_kid and eab_hmac_key",
          "both or neither");
    }
    return a;
  }

  private static URI directory(Section acme) {
    String d = acme.string("directory", "production", Check.ANY_LINE);
    switch (d) {
      case "production":
        return LETS_ENCRYPT;
      case "staging":
        return LETS_ENCRYPT_STAGING;
      default:
        String problem = Check.HTTPS_URL.problem(d);
        if (problem != null) {
          acme.error("directory", problem, "production, staging, or the CA's https directory URL");
          return LETS_ENCRYPT;
        }
        return URI.create(d);
    }
  }

  private static Renewal renewal(Section r) {
    return new Renewal(
        r.bool("ari", true),
        r.number("remaining_fraction", 1.0 / 3, 0.05, 0.9),
        r.number("short_lived_remaining_fraction", 0.5, 0.05, 0.9),
        r.integer("concurrency", 8, 1, 64));
  }

  private static Target target(Section t) {
    return new Target(
        t.string("nginx", "1.22.1", Check.VERSION), t.string("openssl", "3.0", Check.VERSION));
  }
}
