package org.maiis.acme;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.maiis.config.MaiisConfig;
import org.maiis.config.TlsConfig;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.DomainNames;

/**
 * What an issuance was asked for: each component overrides one maiis.yaml default and is null
 * (empty, false) when not given. {@link #resolve} merges it with the config into the settings the
 * lineage keeps and the account registration.
 *
 * @param domains names on the certificate, primary first (default: site.domain and site.alt_names)
 * @param email account contact (default: site.email)
 * @param server ACME directory URL (default: tls.acme.directory)
 * @param staging use Let's Encrypt staging; excludes {@code server}
 * @param caBundle PEM bundle trusted for the CA's own TLS (default: tls.acme.ca_bundle)
 * @param webroot http-01 via files under this directory (default: tls.webroot)
 * @param standalone http-01 from a built-in server on {@code httpPort}
 * @param dnsHook dns-01 through this command; at most one of webroot, standalone, dnsHook
 * @param httpPort the port of the built-in server (standalone only)
 * @param keyType the certificate key (default: tls.key_type)
 * @param profile ACME profile (default: tls.acme.profile)
 * @param eabKid external account binding key id (default: tls.acme.eab_kid)
 * @param eabHmacKey external account binding HMAC key (default: tls.acme.eab_hmac_key)
 * @param name lineage name (default: site.name)
 * @param deployHook command run after each renewal (default: tls.deploy_hook)
 */
public record IssueRequest(
    List<String> domains,
    String email,
    URI server,
    boolean staging,
    Path caBundle,
    Path webroot,
    boolean standalone,
    String dnsHook,
    int httpPort,
    KeyType keyType,
    String profile,
    String eabKid,
    String eabHmacKey,
    String name,
    String deployHook) {

  /**
   * Checks that the choices exclude each other.
   *
   * @throws IllegalArgumentException when both a server and staging, or more than one challenge
   *     type, are given, the server is not an http(s) or acme URL, or the standalone port is out of
   *     range
   */
  public IssueRequest {
    domains = domains == null ? List.of() : List.copyOf(domains);
    if (staging && server != null) {
      throw new IllegalArgumentException("server and staging exclude each other");
    }
    int challenges = (webroot != null ? 1 : 0) + (standalone ? 1 : 0) + (dnsHook != null ? 1 : 0);
    if (challenges > 1) {
      throw new IllegalArgumentException("webroot, standalone and dnsHook exclude each other");
    }
    if (server != null
        && (server.getScheme() == null
            || !java.util.Set.of("https", "http", "acme").contains(server.getScheme())
            || server.getHost() == null)) {
      throw new IllegalArgumentException(
          "--server: expected the CA's directory URL (https://...), got " + server);
    }
    if (email != null && !email.matches("[^@\\s:/?#]+@[^@\\s:/?#]+\\.[^@\\s:/?#]+")) {
      throw new IllegalArgumentException("--email: '" + email + "' is not an e-mail address");
    }
    if (standalone && (httpPort < 1 || httpPort > 65535)) {
      throw new IllegalArgumentException("--http-port: expected 1..65535, got " + httpPort);
    }
  }

  /**
   * The request merged with the config.
   *
   * @param settings what the lineage records in renewal/NAME.json
   * @param registration how to create the account when there is none yet
   */
  public record Resolved(LineageSettings settings, Accounts.Registration registration) {}

  /**
   * Fills what the request leaves open from {@code config}.
   *
   * @param env the environment an EAB HMAC key reference is read from (System::getenv in
   *     production)
   * @throws IllegalStateException when the configured EAB HMAC key reference cannot be read
   * @throws IllegalArgumentException when a name is malformed, or the challenge cannot prove it (a
   *     wildcard without dns-01, an IP address with dns-01)
   */
  public Resolved resolve(MaiisConfig config, Function<String, String> env) {
    TlsConfig tls = config.tls();
    List<String> names = domains;
    if (names.isEmpty()) {
      // As written, not site.allDomains(), which would also drop repeated alt_names.
      names = new ArrayList<>();
      names.add(config.site().domain());
      names.addAll(config.site().altNames());
    }
    names = DomainNames.normalize(names);
    URI directory =
        staging ? TlsConfig.LETS_ENCRYPT_STAGING : server != null ? server : tls.acme().directory();
    LineageSettings.Challenge challenge =
        LineageSettings.Challenge.chosen(webroot, standalone, dnsHook, httpPort);
    if (challenge == null) {
      challenge = LineageSettings.Challenge.webroot(tls.webroot());
    }
    checkChallengeFits(names, challenge);
    String kid = eabKid != null ? eabKid : tls.acme().eabKid().orElse(null);
    String hmac =
        eabHmacKey != null
            ? eabHmacKey
            : tls.acme().eabHmacKey().map(s -> s.resolve(env)).orElse(null);
    checkEab(kid, hmac);
    Path bundle = caBundle != null ? caBundle : tls.acme().caBundle().orElse(null);
    LineageSettings settings =
        new LineageSettings(
            name != null ? name : config.site().name(),
            names,
            directory,
            bundle == null ? null : bundle.toAbsolutePath().normalize(),
            challenge,
            keyType != null ? keyType : tls.keyType(),
            profile != null ? profile : tls.acme().profile().orElse(null),
            deployHook != null ? deployHook : tls.deployHook().orElse(null),
            kid);
    String mail = email != null ? email : config.site().email().orElse(null);
    return new Resolved(settings, new Accounts.Registration(mail, kid, hmac));
  }

  // A bundle that cannot be read is the command line's (or the config's) fault, found before any
  // account or order exists; reported later it looked like a failed issuance (exit 5).
  /**
   * Checks that {@code bundle} (nullable) holds at least one PEM certificate.
   *
   * @param option how the user named it ({@code --ca-bundle} or {@code tls.acme.ca_bundle})
   * @throws IllegalArgumentException saying what is wrong and what to do
   */
  public static void checkCaBundle(Path bundle, String option) {
    if (bundle == null) {
      return;
    }
    try {
      if (org.maiis.tls.Pem.readCertificates(bundle).isEmpty()) {
        throw new IllegalArgumentException(
            option + ": " + bundle + " holds no PEM certificate. Point it at the CA's root");
      }
    } catch (java.io.IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(option)) {
        throw iae;
      }
      String why = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().get();
      throw new IllegalArgumentException(
          option + ": " + why + ". Point it at the CA's root certificate (PEM)");
    }
  }

  /**
   * Checks that an http-01 webroot is an existing directory: the files are written under it for
   * nginx to serve, and one that does not exist (a typo) would be created where nothing serves it,
   * so the CA's validation fails and counts against its failed-validation limit.
   *
   * @param option how the user named it ({@code --webroot} or {@code tls.webroot})
   * @throws IllegalArgumentException saying what is wrong and what to do
   */
  public static void checkWebroot(LineageSettings.Challenge challenge, String option) {
    if (!"webroot".equals(challenge.type()) || Files.isDirectory(challenge.webroot())) {
      return;
    }
    throw new IllegalArgumentException(
        option
            + ": "
            + challenge.webroot()
            + (Files.exists(challenge.webroot()) ? " is not a directory" : " does not exist")
            + ". Point it at the directory nginx serves /.well-known/acme-challenge/ from");
  }

  /** HS256, the weakest EAB algorithm, needs a key as long as its hash: 256 bits. */
  static final int MIN_EAB_KEY_BYTES = 32;

  private void checkEab(String kid, String hmac) {
    if ((eabKid != null || eabHmacKey != null) && (kid == null || hmac == null)) {
      throw new IllegalArgumentException("--eab-kid and --eab-hmac-key are needed together");
    }
    if (hmac != null) {
      byte[] key;
      try {
        key = java.util.Base64.getUrlDecoder().decode(hmac);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--eab-hmac-key (tls.acme.eab_hmac_key): not base64url (" + e.getMessage() + ")");
      }
      if (key.length < MIN_EAB_KEY_BYTES) {
        // The JWS library would refuse it only after the account request, as "Bad key size".
        throw new IllegalArgumentException(
            "--eab-hmac-key (tls.acme.eab_hmac_key): the key is "
                + key.length * 8
                + " bits, an HMAC key is at least "
                + MIN_EAB_KEY_BYTES * 8
                + ". Copy the whole key from the CA's account page");
      }
    }
  }

  /**
   * Refuses a challenge that cannot prove one of {@code names} (a wildcard without dns-01, an IP
   * address with it): checked before any account or order exists, as the CA would refuse only after
   * both.
   *
   * @throws IllegalArgumentException naming the name and what would prove it
   */
  public static void checkChallengeFits(List<String> names, LineageSettings.Challenge challenge) {
    boolean dns = "dns".equals(challenge.type());
    for (String n : names) {
      if (n.startsWith("*.") && !dns) {
        throw new IllegalArgumentException(n + ": wildcard names need dns-01 (--dns-hook)");
      }
      if (dns && (n.contains(":") || n.matches("[0-9.]+"))) {
        throw new IllegalArgumentException(
            n + ": an IP address cannot be proven with dns-01 (use --webroot or --standalone)");
      }
    }
  }
}
