package org.maiis.acme;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.maiis.acme.CertificateManager.Status;
import org.maiis.tls.CertificateInfo;

/**
 * What status shows for one lineage, from its files alone (the CA is not asked).
 *
 * @param store the lineages' files
 * @param records the lineages' renewal settings and state
 * @param decider decides, from the stored window or the lifetime rule, whether a lineage is due
 */
record LineageStatusReader(CertificateStore store, LineageRecords records, RenewalDecider decider) {

  /** The status of {@code name} at {@code now}; a damaged lineage is reported with its error. */
  Status of(String name, Instant now) {
    LineageState st = LineageState.EMPTY;
    try {
      st = records.state(name);
      records.settings(name); // a renewal file renew cannot read means no renewals: say so now
      List<X509Certificate> chain =
          store
              .currentChain(name)
              .orElseThrow(
                  () ->
                      new IOException(store.liveDir(name).resolve("fullchain.pem") + ": missing"));
      CertificateInfo info = CertificateInfo.of(chain.get(0));
      if (!store.currentKeyMatches(name, chain.get(0))) {
        throw new IOException(
            store.liveDir(name).resolve("privkey.pem") + ": does not match the certificate");
      }
      return new Status(name, info, decider.offline(info, st, now), st, null);
    } catch (IOException | RuntimeException e) {
      return new Status(name, null, null, st, ErrorLines.oneLine(e));
    }
  }
}
