package org.maiis.acme;

import java.io.IOException;
import java.security.cert.X509Certificate;
import org.maiis.tls.CertificateInfo;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeProtocolException;

/**
 * Revokes a lineage's live certificate with the account that issued it, and records the serial so
 * status and renew treat the lineage as due.
 *
 * @param store the lineages' files
 * @param records the lineages' renewal settings and state
 * @param pacing the requests' pacing and clock
 */
record LineageRevocation(CertificateStore store, LineageRecords records, Pacing pacing) {

  /** Revokes the live certificate of {@code name} with an RFC 5280 {@code reason}. */
  void revoke(String name, RevocationReason reason) throws IOException {
    LineageSettings s =
        records
            .settings(name)
            .orElseThrow(() -> new IOException("no renewal file " + store.renewalFile(name)));
    X509Certificate cert =
        store
            .currentChain(name)
            .orElseThrow(() -> new IOException(name + ": no live certificate"))
            .get(0);
    try {
      CaClients.Client ca = new CaClients(pacing, store.accountsDir()).of(s);
      Login login = ca.login(Accounts.Registration.NONE);
      ca.pacing()
          .retry(
              () -> {
                org.shredzone.acme4j.Certificate.revoke(login, cert, reason);
                return null;
              });
      records.record(
          name,
          records.state(name).revoked(CertificateInfo.of(cert).serial(), pacing.clock().instant()));
    } catch (AcmeException | AcmeProtocolException e) {
      throw new IOException(
          name + ": revocation failed: " + CaErrors.describe(e, s.directory(), s.caBundle()), e);
    }
  }
}
