package org.maiis.acme;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.maiis.process.ProcessRunner;
import org.maiis.tls.CertificateInfo;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Issues, renews and revokes the lineages of one certificate directory. Every change happens under
 * the directory's lock; a failure leaves the previous version live and records the failure in the
 * lineage's state.
 */
public final class CertificateManager {
  private final CertificateStore store;
  private final RenewalPolicy policy;
  private final Pacing pacing;
  private final ProcessRunner hooks;
  private final Duration lockWait;
  private final NginxDeploy nginx;
  private final Consumer<String> lockNotice;
  private final int concurrency;
  private final LineageRecords records;
  private final RenewalDecider decider;
  private final RepeatedIssue repeated;
  private final CertificateOrdering ordering;
  private final LineageRenewal renewal;
  private final LineageStatusReader statusReader;

  /**
   * A manager for {@code store}.
   *
   * @param hooks runs deploy and DNS hooks (its timeout bounds them)
   * @param lockWait how long to wait for a parallel run to finish
   */
  public CertificateManager(
      CertificateStore store,
      RenewalPolicy policy,
      Pacing pacing,
      ProcessRunner hooks,
      Duration lockWait) {
    this(
        store,
        policy,
        pacing,
        hooks,
        lockWait,
        new NginxDeploy(List.of("nginx"), hooks, Duration.ofSeconds(10)),
        notice -> {},
        DEFAULT_CONCURRENCY);
  }

  /**
   * Lineages of one CA renewed at the same time, unless {@link #withConcurrency} says otherwise.
   */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** The same manager with another nginx deploy step (tests run nginx with -p and -c). */
  public CertificateManager withNginx(NginxDeploy step) {
    return new CertificateManager(
        store, policy, pacing, hooks, lockWait, step, lockNotice, concurrency);
  }

  /** The same manager, telling {@code notice} (one line) when it waits for a parallel run. */
  public CertificateManager withLockNotice(Consumer<String> notice) {
    return new CertificateManager(
        store, policy, pacing, hooks, lockWait, nginx, notice, concurrency);
  }

  /**
   * The same manager, renewing at most {@code perCa} lineages of one CA at the same time (orders,
   * challenges and ARI checks overlap; deploy hooks still take turns).
   *
   * @throws IllegalArgumentException when {@code perCa} is below 1
   */
  public CertificateManager withConcurrency(int perCa) {
    if (perCa < 1) {
      throw new IllegalArgumentException("concurrency must be 1 or more, got " + perCa);
    }
    return new CertificateManager(store, policy, pacing, hooks, lockWait, nginx, lockNotice, perCa);
  }

  private CertificateManager(
      CertificateStore store,
      RenewalPolicy policy,
      Pacing pacing,
      ProcessRunner hooks,
      Duration lockWait,
      NginxDeploy nginx,
      Consumer<String> lockNotice,
      int concurrency) {
    this.store = store;
    this.policy = policy;
    this.pacing = pacing;
    this.hooks = hooks;
    this.lockWait = lockWait;
    this.nginx = nginx;
    this.lockNotice = lockNotice;
    this.concurrency = concurrency;
    this.records = new LineageRecords(store);
    this.decider = new RenewalDecider(policy, records);
    this.repeated = new RepeatedIssue(store, records, decider);
    LineageDeployment deployment = new LineageDeployment(store, records, hooks, nginx);
    this.ordering = new CertificateOrdering(store, records, pacing, hooks, deployment);
    this.renewal = new LineageRenewal(store, records, pacing, decider, ordering, deployment);
    this.statusReader = new LineageStatusReader(store, records, decider);
  }

  /** What happened to one lineage. */
  public enum Result {
    /** The first certificate of a lineage (or a new version asked for by issue) is live. */
    ISSUED,
    /** A new certificate is live (and deployed). */
    RENEWED,
    /** Nothing to do yet. */
    NOT_DUE,
    /** Due, and a dry run stopped before ordering. */
    WOULD_RENEW,
    /** Ordering or storing failed; the previous certificate stays live. */
    FAILED,
    /**
     * The deploy hook failed; the previous certificate was restored (unless revoked or expired) and
     * the new one stays pending: the next renew deploys it without ordering.
     */
    DEPLOY_FAILED
  }

  /** How far {@link #renew} goes when it must not change anything. */
  public enum DryRun {
    /** A real run. */
    NONE,
    /** Decide and report; talk to the CA only for its renewal window. */
    DECIDE,
    /**
     * As {@link #DECIDE}, and rehearse each lineage at its CA as certbot's dry run does: a real
     * order whose challenges are answered the way a renewal answers them, then discarded (never
     * finalized; nothing installed, no deploy hook, nothing written into the lineage).
     */
    REHEARSE
  }

  /**
   * The outcome for one lineage.
   *
   * @param lineage its name
   * @param result what happened
   * @param detail one line: the new expiry, the next renewal time, or the error
   */
  public record Outcome(String lineage, Result result, String detail) {}

  /**
   * Obtains the first certificate of a lineage, or a new version of an existing one (whose deploy
   * hook then runs, as on renewal). The renewal file is written as soon as the certificate is in
   * the archive, so a failed deploy leaves a lineage that renew completes.
   */
  public Outcome issue(LineageSettings s, Accounts.Registration reg) throws IOException {
    return issue(s, reg, false);
  }

  /**
   * As {@link #issue(LineageSettings, Accounts.Registration)}; unless {@code force}, an issue that
   * repeats a lineage's names and settings while its certificate is sound and not due orders
   * nothing ({@link Result#NOT_DUE}).
   */
  public Outcome issue(LineageSettings s, Accounts.Registration reg, boolean force)
      throws IOException {
    store.createLayout();
    try (CertLock lock = CertLock.acquire(store.root(), lockWait, lockNotice)) {
      CaClients cas = new CaClients(pacing, store.accountsDir());
      if (!force) {
        Optional<Outcome> kept = repeated.nothingToDo(s, pacing.clock().instant(), cas);
        if (kept.isPresent()) {
          return kept.get();
        }
      }
      boolean existing = store.currentVersion(s.name()).isPresent();
      Outcome o = ordering.obtain(s, reg, null, existing, true, cas);
      if (o.result() != Result.RENEWED) {
        return o;
      }
      return new Outcome(o.lineage(), Result.ISSUED, o.detail());
    }
  }

  /**
   * The names the existing lineage {@code s.name()} was issued for that {@code s} leaves out:
   * issuing {@code s} would drop them from the certificate that lineage serves. Empty for a new
   * lineage, or one without a readable renewal file (a self-signed one, or one the issue repairs).
   */
  public List<String> namesDropped(LineageSettings s) {
    try {
      List<String> dropped =
          new ArrayList<>(
              records.settings(s.name()).map(LineageSettings::domains).orElse(List.of()));
      dropped.removeAll(s.domains());
      return dropped;
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Renews every due lineage (or only {@code only}).
   *
   * @param force renew even when not due
   * @param dryRun decide and report, but order nothing
   * @param deployHook overrides the lineages' own hooks, or null
   */
  public List<Outcome> renew(String only, boolean force, boolean dryRun, String deployHook)
      throws IOException {
    return renew(only, force, dryRun ? DryRun.DECIDE : DryRun.NONE, deployHook);
  }

  /**
   * Renews every due lineage (or only {@code only}), or rehearses it ({@link DryRun}).
   *
   * @param force renew even when not due
   * @param dryRun a real run ({@link DryRun#NONE}) or how far the dry run goes
   * @param deployHook overrides the lineages' own hooks, or null
   */
  public List<Outcome> renew(String only, boolean force, DryRun dryRun, String deployHook)
      throws IOException {
    List<Outcome> out = new ArrayList<>();
    if (only != null) {
      CertificateStore.checkName(only);
    }
    if (!java.nio.file.Files.isDirectory(store.root())) {
      // Nothing issued yet; a renew run (or a dry run) never creates the directory.
      if (only != null) {
        out.add(new Outcome(only, Result.FAILED, "no renewal file " + store.renewalFile(only)));
      }
      return out;
    }
    try (CertLock lock = CertLock.acquire(store.root(), lockWait, lockNotice)) {
      List<String> names = new ArrayList<>();
      if (only != null) {
        names.add(only);
      } else {
        // Lineages without a renewal file (self-signed ones) are not ACME's to renew; a pending
        // version is (it may belong to a first issuance that died before its renewal file).
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        for (String n : store.lineages()) {
          if (java.nio.file.Files.exists(store.renewalFile(n))) {
            all.add(n);
          }
        }
        all.addAll(store.pendingLineages());
        names.addAll(all);
      }
      // One session, account and gate per CA for the whole run, shared by its lineages.
      CaClients cas = new CaClients(pacing, store.accountsDir());
      Map<String, Object> caOf = new LinkedHashMap<>();
      for (String name : names) {
        caOf.put(name, records.caOf(name));
      }
      out.addAll(
          FleetRun.run(
              caOf, concurrency, name -> renewal.renew(name, force, dryRun, deployHook, cas)));
    }
    return out;
  }

  /**
   * Changes how lineage {@code name} is renewed without a new certificate, as certbot reconfigure
   * does. A new challenge is rehearsed at the CA first (an order whose challenges are answered,
   * then discarded); the renewal file is rewritten only when it passes.
   *
   * @param challenge the new challenge, or null to keep the recorded one
   * @param deployHook the new deploy hook, "" to have none, or null to keep the recorded one
   * @return why the CA's rehearsal of the new challenge failed (nothing was changed), or empty
   * @throws IOException when the lineage has no renewal file, or it cannot be written
   * @throws IllegalArgumentException when the challenge cannot prove one of the lineage's names
   */
  public Optional<String> reconfigure(
      String name, LineageSettings.Challenge challenge, String deployHook) throws IOException {
    try (CertLock lock = CertLock.acquire(store.root(), lockWait, lockNotice)) {
      LineageSettings had =
          records
              .settings(name)
              .orElseThrow(() -> new IOException("no renewal file " + store.renewalFile(name)));
      LineageSettings next = challenge == null ? had : had.withChallenge(challenge);
      if (deployHook != null) {
        next = next.withDeployHook(deployHook.isBlank() ? null : deployHook);
      }
      if (!Objects.equals(next.challenge(), had.challenge())) {
        IssueRequest.checkChallengeFits(next.domains(), next.challenge());
        String failed = ordering.rehearse(next, new CaClients(pacing, store.accountsDir()));
        if (failed != null) {
          return Optional.of(failed);
        }
      }
      JsonFiles.write(store.renewalFile(name), next);
      return Optional.empty();
    }
  }

  /**
   * Deletes lineage {@code name} ({@link CertificateStore#delete}) so that renew stops renewing it;
   * false when there was none.
   */
  public boolean delete(String name) throws IOException {
    try (CertLock lock = CertLock.acquire(store.root(), lockWait, lockNotice)) {
      return store.delete(name);
    }
  }

  /** Revokes the live certificate of {@code name} with an RFC 5280 {@code reason}. */
  public void revoke(String name, RevocationReason reason) throws IOException, AcmeException {
    try (CertLock lock = CertLock.acquire(store.root(), lockWait, lockNotice)) {
      new LineageRevocation(store, records, pacing).revoke(name, reason);
    }
  }

  /**
   * What status shows for one lineage.
   *
   * @param name the lineage
   * @param cert the live certificate, or null when the lineage is unreadable
   * @param next when it renews and why (from the stored ARI window, else the lifetime rule), or
   *     null when the lineage is unreadable
   * @param state the last runs
   * @param error one line naming the file that makes the lineage unreadable, or null
   */
  public record Status(
      String name,
      CertificateInfo cert,
      RenewalPolicy.Decision next,
      LineageState state,
      String error) {}

  /**
   * Status of every lineage, without contacting the CA. A lineage whose files are damaged is
   * reported with its error instead of hiding the others.
   */
  public List<Status> status() throws IOException {
    List<Status> out = new ArrayList<>();
    Instant now = pacing.clock().instant();
    for (String name : store.lineages()) {
      out.add(statusReader.of(name, now));
    }
    return out;
  }

  /**
   * The renewal settings of a lineage.
   *
   * @throws IOException naming the file and the field when it is unreadable or incomplete
   */
  public Optional<LineageSettings> readSettings(String name) throws IOException {
    return records.settings(name);
  }

  /** The recorded state of a lineage. */
  public LineageState state(String name) throws IOException {
    return records.state(name);
  }

  /**
   * {@code message} without the JDK's "sun.security.x.YException: " prefixes, which mean nothing to
   * a user and leak through wrapped causes.
   */
  public static String withoutClassNames(String message) {
    return ErrorLines.withoutClassNames(message);
  }
}
