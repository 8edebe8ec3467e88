package org.maiis.acme;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;
import org.maiis.tls.CertificateInfo;

/**
 * Recognises an issue that repeats what a lineage already has: the same names and settings, and a
 * live certificate that is sound and not due. Ordering again would only spend the CA's limit on
 * certificates for one set of names (Let's Encrypt: 5 a week), which a provisioning script that
 * issues on every run reaches in days; certbot keeps such a certificate too.
 */
final class RepeatedIssue {
  private final CertificateStore store;
  private final LineageRecords records;
  private final RenewalDecider decider;

  RepeatedIssue(CertificateStore store, LineageRecords records, RenewalDecider decider) {
    this.store = store;
    this.records = records;
    this.decider = decider;
  }

  /**
   * The outcome that orders nothing, or empty when {@code s} asks for something new or the live
   * certificate is due as renew would decide (the CA's renewal window included).
   */
  Optional<Outcome> nothingToDo(LineageSettings s, Instant now, CaClients cas) {
    try {
      Optional<LineageSettings> recorded = records.settings(s.name());
      if (recorded.isEmpty()
          || !sameRequest(recorded.get(), s)
          || store.pendingVersion(s.name()).isPresent()) {
        return Optional.empty();
      }
      Optional<List<X509Certificate>> chain = store.currentChain(s.name());
      if (chain.isEmpty() || !store.currentKeyMatches(s.name(), chain.get().get(0))) {
        return Optional.empty();
      }
      X509Certificate leaf = chain.get().get(0);
      if (!new HashSet<>(CertificateInfo.of(leaf).sans()).containsAll(s.domains())) {
        return Optional.empty();
      }
      RenewalPolicy.Decision d = decider.decide(s, leaf, records.state(s.name()), now, true, cas);
      if (d.due()) {
        return Optional.empty();
      }
      return Optional.of(
          new Outcome(
              s.name(),
              Result.NOT_DUE,
              "already issued for these names and settings; renews at "
                  + d.renewAt()
                  + " ("
                  + d.reason()
                  + "); --force orders a new certificate now"));
    } catch (IOException | RuntimeException e) {
      // Anything unreadable is for the order to repair, as before.
      return Optional.empty();
    }
  }

  // The same primary name and the same others in any order, and the same way of getting and
  // proving them. The EAB key id only matters for a new account: one left out is the same.
  static boolean sameRequest(LineageSettings had, LineageSettings asked) {
    return asked.domains().get(0).equals(had.domains().get(0))
        && new HashSet<>(asked.domains()).equals(new HashSet<>(had.domains()))
        && Objects.equals(asked.directory(), had.directory())
        && Objects.equals(asked.caBundle(), had.caBundle())
        && Objects.equals(asked.challenge(), had.challenge())
        && asked.keyType() == had.keyType()
        && Objects.equals(asked.profile(), had.profile())
        && Objects.equals(asked.deployHook(), had.deployHook())
        && (asked.eabKid() == null || asked.eabKid().equals(had.eabKid()));
  }
}
