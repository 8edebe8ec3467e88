package org.maiis.render.nginx;

import java.nio.file.Path;
import org.maiis.config.TlsConfig;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.config.TlsConfig.MozillaProfile;

/**
 * The TLS settings of the HTTPS server, from Mozilla's server-side TLS guidelines, chosen for the
 * profile, the certificate key and the nginx/OpenSSL versions the config targets.
 *
 * @param profile intermediate or modern, for the comment in the snippet
 * @param nginxTarget the nginx version rendered for
 * @param opensslTarget the OpenSSL version rendered for
 * @param certificate fullchain.pem of the site's lineage
 * @param certificateKey privkey.pem of the site's lineage
 * @param protocols ssl_protocols
 * @param hasCiphers whether TLS 1.2 suites are listed (not for modern: TLS 1.3 suites are fixed)
 * @param ciphers ssl_ciphers, forward-secret AEAD suites only
 * @param curves ssl_ecdh_curve
 * @param sessionTicketsOff whether to turn tickets off (nginx before 1.23.2 never rotates keys)
 * @param dhparam whether DHE suites are listed, so ssl_dhparam must name the RFC 7919 group
 * @param dhparamFile the group's file, next to nginx.conf
 */
public record TlsView(
    String profile,
    String nginxTarget,
    String opensslTarget,
    String certificate,
    String certificateKey,
    String protocols,
    boolean hasCiphers,
    String ciphers,
    String curves,
    boolean sessionTicketsOff,
    boolean dhparam,
    String dhparamFile) {

  /** File name of the RFC 7919 ffdhe2048 group in the rendered tree, next to nginx.conf. */
  public static final String DHPARAM_FILE = "ffdhe2048.pem";

  private static final String ECDHE_SUITES =
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
          + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
          + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

  // Mozilla intermediate 5.7 lists these for old clients without ECDHE. They can only be
  // negotiated with an RSA certificate, so they are listed only then, with the RFC 7919 group.
  private static final String DHE_SUITES =
      "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";

  private static final String CURVES = "X25519:prime256v1:secp384r1";

  static TlsView of(TlsConfig tls, String siteName, Path certDir) {
    Version nginx = Version.parse(tls.target().nginx());
    Version openssl = Version.parse(tls.target().openssl());
    boolean modern = tls.profile() == MozillaProfile.MODERN;
    boolean rsa = tls.keyType() != KeyType.EC256 && tls.keyType() != KeyType.EC384;
    boolean dhe = !modern && rsa;
    Path live = certDir.resolve("live").resolve(siteName);
    return new TlsView(
        modern ? "modern" : "intermediate",
        tls.target().nginx(),
        tls.target().openssl(),
        live.resolve("fullchain.pem").toString(),
        live.resolve("privkey.pem").toString(),
        modern ? "TLSv1.3" : "TLSv1.2 TLSv1.3",
        !modern,
        dhe ? ECDHE_SUITES + ":" + DHE_SUITES : ECDHE_SUITES,
        (openssl.atLeast(Version.OPENSSL_MLKEM) ? "X25519MLKEM768:" : "") + CURVES,
        !nginx.atLeast(Version.NGINX_TICKET_KEY_ROTATION),
        dhe,
        DHPARAM_FILE);
  }
}
