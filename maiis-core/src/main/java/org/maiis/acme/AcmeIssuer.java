package org.maiis.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.KeyPairs;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

/** Runs one ACME order: identifiers, challenges, CSR with a fresh key, download. */
public final class AcmeIssuer {
  private final Pacing pacing;

  /** An issuer that talks to the CA at {@code pacing}'s pace. */
  public AcmeIssuer(Pacing pacing) {
    this.pacing = pacing;
  }

  /**
   * A new certificate and its key.
   *
   * @param key the new private key
   * @param chain leaf first
   * @param replacedPrevious whether the CA accepted the order as a replacement (ARI)
   */
  public record Issued(KeyPair key, List<X509Certificate> chain, boolean replacedPrevious) {}

  /**
   * Orders a certificate for {@code domains}.
   *
   * @param profile the ACME profile to request, or null
   * @param replaces the certificate this one replaces (sent when the CA supports ARI), or null
   */
  public Issued issue(
      Login login,
      List<String> domains,
      KeyType keyType,
      String profile,
      X509Certificate replaces,
      ChallengeResponder responder)
      throws IOException, AcmeException {
    check(login, domains, profile, responder);
    boolean ari =
        replaces != null
            && pacing
                .retry(() -> login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO))
                .isPresent();
    Order order;
    boolean replaced = false;
    if (ari) {
      try {
        order = pacing.retry(() -> builder(login, domains, profile).replaces(replaces).create());
        replaced = true;
      } catch (AcmeServerException e) {
        // E.g. the account changed since the old certificate: a plain order still renews.
        order = pacing.retry(() -> builder(login, domains, profile).create());
      }
    } else {
      Order o = pacing.retry(() -> builder(login, domains, profile).create());
      order = o;
    }
    authorize(order, responder);
    Order o = order;
    if (pacing.poll(o, Set.of(Status.READY, Status.VALID, Status.INVALID)) == Status.INVALID) {
      throw new IOException("order failed: " + describe(o.getError()));
    }
    KeyPair key = KeyPairs.generate(keyType);
    byte[] csr = csr(domains, key);
    pacing.retry(
        () -> {
          o.execute(csr);
          return null;
        });
    if (pacing.poll(o, Set.of(Status.VALID, Status.INVALID)) != Status.VALID) {
      throw new IOException("order failed at finalization: " + describe(o.getError()));
    }
    var cert = o.getCertificate();
    List<X509Certificate> chain =
        new ArrayList<>(
            pacing.retry(
                () -> {
                  cert.download();
                  return cert.getCertificateChain();
                }));
    return new Issued(key, chain, replaced);
  }

  /**
   * A rehearsal of {@link #issue}, as a dry run needs it: a real order whose identifiers are all
   * proven through {@code responder}, then thrown away: its authorizations are deactivated and it
   * is never finalized, so no certificate is issued and nothing is stored.
   *
   * @throws IOException when a challenge fails, as {@link #issue} would
   */
  public void rehearse(
      Login login, List<String> domains, String profile, ChallengeResponder responder)
      throws IOException, AcmeException {
    check(login, domains, profile, responder);
    Order order = pacing.retry(() -> builder(login, domains, profile).create());
    // A CA reuses an authorization it already holds valid (Let's Encrypt for 30 days after an
    // issue), and then nothing is answered: the rehearsal would pass without proving that the
    // challenge works now. Those are deactivated and the order is made again.
    boolean reused = false;
    for (Authorization auth : order.getAuthorizations()) {
      if (auth.getStatus() == Status.VALID) {
        deactivate(auth);
        reused = true;
      }
    }
    if (reused) {
      order = pacing.retry(() -> builder(login, domains, profile).create());
    }
    authorize(order, responder);
    for (Authorization auth : order.getAuthorizations()) {
      try {
        deactivate(auth);
      } catch (IOException | AcmeException e) {
        // Only tidiness: a valid authorization left behind expires at the CA on its own.
      }
    }
  }

  private void deactivate(Authorization auth) throws IOException, AcmeException {
    pacing.retry(
        () -> {
          auth.deactivate();
          return null;
        });
  }

  /** Refuses, before any order, what the CA or the responder cannot do. */
  private void check(
      Login login, List<String> domains, String profile, ChallengeResponder responder)
      throws IOException, AcmeException {
    for (String d : domains) {
      if (d.startsWith("*.") && !responder.supportsWildcards()) {
        throw new IOException(d + ": wildcard names need dns-01 (--dns-hook)");
      }
    }
    var meta = pacing.retry(() -> login.getSession().getMetadata());
    if (profile != null && !meta.isProfileAllowed(profile)) {
      throw new IOException(
          "the CA does not offer profile '"
              + profile
              + "' (offers: "
              + new java.util.TreeSet<>(meta.getProfiles())
              + ")");
    }
  }

  /** Proves every identifier of {@code order} that is not yet valid. */
  private void authorize(Order order, ChallengeResponder responder)
      throws IOException, AcmeException {
    for (Authorization auth : order.getAuthorizations()) {
      if (auth.getStatus() == Status.VALID) {
        continue;
      }
      Challenge c = responder.answer(auth);
      pacing.retry(
          () -> {
            c.trigger();
            return null;
          });
      if (pacing.poll(c, Set.of(Status.VALID, Status.INVALID)) != Status.VALID) {
        throw new IOException(
            auth.getIdentifier().getValue() + ": validation failed: " + describe(c.getError()));
      }
    }
  }

  /**
   * The CSR with the names in the order the user gave them, the first as the subject CN. acme4j's
   * own CSR takes the order's identifiers as the CA returned them (sorted by Pebble and Boulder),
   * so the CN would be whichever name sorts first.
   */
  private static byte[] csr(List<String> domains, KeyPair key) throws IOException {
    org.shredzone.acme4j.util.CSRBuilder b = new org.shredzone.acme4j.util.CSRBuilder();
    for (String d : domains) {
      if (d.matches("[0-9.]+") || d.contains(":")) {
        b.addIP(InetAddress.getByName(d));
      } else {
        b.addDomain(d);
      }
    }
    String first = domains.get(0);
    if (!(first.matches("[0-9.]+") || first.contains(":"))) {
      b.setCommonName(first);
    }
    b.sign(key);
    return b.getEncoded();
  }

  private static OrderBuilder builder(Login login, List<String> domains, String profile)
      throws IOException {
    OrderBuilder b = login.newOrder();
    for (String d : domains) {
      b.identifier(
          d.matches("[0-9.]+") || d.contains(":")
              ? Identifier.ip(InetAddress.getByName(d))
              : Identifier.dns(d));
    }
    if (profile != null) {
      b.profile(profile);
    }
    return b;
  }

  private static String describe(java.util.Optional<Problem> p) {
    return p.map(x -> x.getDetail().orElse(x.getTitle().orElse(x.getType().toString())))
        .orElse("no detail from the CA");
  }
}
