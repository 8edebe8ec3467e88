package org.maiis.acme;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.maiis.metrics.CertificateMetrics;
import org.maiis.process.ProcessRunner;
import org.maiis.tls.CertificateInfo;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;
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
  private final java.util.function.Consumer<String> lockNotice;

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
    this.store = store;
    this.policy = policy;
    this.pacing = pacing;
    this.hooks = hooks;
    this.lockWait = lockWait;
    this.nginx = new NginxDeploy(List.of("nginx"), hooks, Duration.ofSeconds(10));
    this.lockNotice = notice -> {};
  }

  /** The same manager with another nginx deploy step (tests run nginx with -p and -c). */
  public CertificateManager withNginx(NginxDeploy step) {
    return new CertificateManager(store, policy, pacing, hooks, lockWait, step, lockNotice);
  }

  /** The same manager, telling {@code notice} (one line) when it waits for a parallel run. */
  public CertificateManager withLockNotice(java.util.function.Consumer<String> notice) {
    return new CertificateManager(store, policy, pacing, hooks, lockWait, nginx, notice);
  }

  private CertificateManager(
      CertificateStore store,
      RenewalPolicy policy,
      Pacing pacing,
      ProcessRunner hooks,
      Duration lockWait,
      NginxDeploy nginx,
      java.util.function.Consumer<String> lockNotice) {
    this.store = store;
    this.policy = policy;
    this.pacing = pacing;
    this.hooks = hooks;
    this.lockWait = lockWait;
    this.nginx = nginx;
    this.lockNotice = lockNotice;
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
    store.createLayout();
    try (CertLock lock = CertLock.acquire(store.root(), lockWait, lockNotice)) {
      boolean existing = store.currentVersion(s.name()).isPresent();
      Outcome o = obtain(s, reg, null, existing, true);
      if (o.result() != Result.RENEWED) {
        return o;
      }
      return new Outcome(o.lineage(), Result.ISSUED, o.detail());
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
      for (String name : names) {
        try {
          out.add(renewOne(name, force, dryRun, deployHook));
        } catch (IOException | RuntimeException e) {
          // A damaged lineage (unreadable renewal file, certificate or state) fails alone: the
          // others are still renewed.
          out.add(new Outcome(name, Result.FAILED, oneLine(e)));
        }
      }
    }
    return out;
  }

  private Outcome renewOne(String name, boolean force, boolean dryRun, String hookOverride)
      throws IOException {
    Optional<LineageSettings> settings = readSettings(name);
    OptionalInt pending = store.pendingVersion(name);
    if (settings.isEmpty() && pending.isPresent()) {
      // A first issuance that died before writing its renewal file: the archive kept a copy.
      settings = store.stagedSettings(name, pending.getAsInt());
      if (settings.isPresent() && !dryRun) {
        JsonFiles.write(store.renewalFile(name), settings.get());
      }
    }
    if (settings.isEmpty()) {
      return new Outcome(name, Result.FAILED, "no renewal file " + store.renewalFile(name));
    }
    LineageSettings s = settings.get();
    if (hookOverride != null) {
      s = s.withDeployHook(hookOverride);
    }
    LineageState state = state(name);
    Instant now = pacing.clock().instant();
    if (pending.isPresent()) {
      String unusable =
          store.currentVersion(name).orElse(0) > pending.getAsInt()
              ? "older than the live version"
              : unusable(name, pending.getAsInt(), state, now);
      if (unusable == null) {
        int version = pending.getAsInt();
        if (dryRun) {
          return new Outcome(
              name,
              Result.WOULD_RENEW,
              "would deploy version " + version + ", issued by an earlier run (no new order)");
        }
        // The certificate an earlier run obtained is deployed; ordering again would spend the
        // CA's rate limit on a certificate we already have.
        int previous = store.currentVersion(name).orElse(0);
        X509Certificate leaf = store.chain(name, version).get(0);
        return deploy(s, version, previous, leaf, now, "; issued by an earlier run, no new order");
      }
      if (!dryRun) {
        // Kept in the archive, but never made live: it is expired, revoked or damaged.
        store.clearPending(name);
      }
    }
    X509Certificate current = null;
    String broken = null;
    try {
      current = store.currentChain(name).map(c -> c.get(0)).orElse(null);
      if (current != null && !current.getPublicKey().equals(store.currentKey(name).getPublic())) {
        broken = "the live key does not match the certificate";
      }
    } catch (IOException e) {
      broken = oneLine(e);
    }
    if (broken != null) {
      // nginx cannot load a damaged pair: a new certificate repairs the lineage.
      current = null;
    }
    RenewalPolicy.Decision d = null;
    if (current != null && !force) {
      d = decide(s, current, state, now, !dryRun);
      state = state(name);
      if (!d.due()) {
        if (!dryRun) {
          record(name, state.attempted(now, CertificateMetrics.RESULT_NOT_DUE, null));
        }
        return new Outcome(
            name, Result.NOT_DUE, "renews at " + d.renewAt() + " (" + d.reason() + ")");
      }
    }
    if (dryRun) {
      String why =
          d != null
              ? d.reason()
              : force ? "forced" : broken != null ? broken : "no live certificate";
      return new Outcome(name, Result.WOULD_RENEW, why);
    }
    return obtain(s, Accounts.Registration.NONE, current, true, false);
  }

  /**
   * Why archived {@code version} must not be made live (expired, revoked or damaged), or null when
   * it may.
   */
  private String unusable(String name, int version, LineageState state, Instant now) {
    try {
      X509Certificate leaf = store.chain(name, version).get(0);
      if (!leaf.getPublicKey().equals(store.key(name, version).getPublic())) {
        return "version " + version + ": the key does not match the certificate";
      }
      CertificateInfo info = CertificateInfo.of(leaf);
      if (!info.notAfter().isAfter(now)) {
        return "version " + version + " expired at " + info.notAfter();
      }
      if (state.revokes(info)) {
        return "version " + version + " was revoked";
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return oneLine(e);
    }
  }

  /** How long to trust renewal information when the CA sends no Retry-After (RFC 9773: 6 h). */
  static final Duration ARI_RECHECK = Duration.ofHours(6);

  /** {@code persist}: whether the CA's answer is kept in the state file (never in a dry run). */
  private RenewalPolicy.Decision decide(
      LineageSettings s, X509Certificate cert, LineageState state, Instant now, boolean persist)
      throws IOException {
    if (state.revokes(CertificateInfo.of(cert))) {
      return revokedDecision(state);
    }
    return bounded(decideByWindow(s, cert, state, now, persist), CertificateInfo.of(cert), now);
  }

  /**
   * An expired certificate is due whatever the CA's window says, and a window that opens only after
   * the certificate expires cannot be followed (the site would serve an expired certificate until
   * then): the lifetime rule decides instead.
   */
  private RenewalPolicy.Decision bounded(
      RenewalPolicy.Decision d, CertificateInfo cert, Instant now) {
    if (!cert.notAfter().isAfter(now)) {
      return new RenewalPolicy.Decision(
          true, cert.notAfter(), "the live certificate expired at " + cert.notAfter());
    }
    if (!d.renewAt().isBefore(cert.notAfter())) {
      RenewalPolicy.Decision l = policy.decide(cert, now);
      return new RenewalPolicy.Decision(
          l.due(),
          l.renewAt(),
          l.reason() + "; the CA's window opens after expiry (" + d.reason() + ")");
    }
    return d;
  }

  private RenewalPolicy.Decision decideByWindow(
      LineageSettings s, X509Certificate cert, LineageState state, Instant now, boolean persist)
      throws IOException {
    if (!policy.usesAri()) {
      return policy.decide(CertificateInfo.of(cert), now);
    }
    // Within the CA's Retry-After the stored answer stands: a no-op run needs no network at all.
    if (state.ariNextCheck() != null && now.isBefore(state.ariNextCheck())) {
      return state.ariStart() != null
          ? policy.decide(state.ariStart(), state.ariEnd(), state.renewAt(), now)
          : policy.decide(CertificateInfo.of(cert), now);
    }
    try {
      return askCa(s, cert, state, now, persist);
    } catch (IOException | AcmeException e) {
      // RFC 9773: without renewal information the client falls back to its own schedule; a CA
      // that is down must not turn a run with nothing due into a failure.
      return policy.decide(CertificateInfo.of(cert), now);
    }
  }

  // A revoked certificate is refused by browsers: like certbot, renew replaces it at once.
  private static RenewalPolicy.Decision revokedDecision(LineageState state) {
    return new RenewalPolicy.Decision(
        true, state.revokedAt(), "the live certificate was revoked at " + state.revokedAt());
  }

  private RenewalPolicy.Decision askCa(
      LineageSettings s, X509Certificate cert, LineageState state, Instant now, boolean persist)
      throws IOException, AcmeException {
    Session session = CaSessions.open(s.directory(), s.caBundle(), Duration.ofSeconds(30));
    if (pacing.retry(() -> session.resourceUrlOptional(Resource.RENEWAL_INFO)).isEmpty()) {
      if (persist) {
        record(s.name(), state.withWindow(null, null, null, now.plus(ARI_RECHECK)));
      }
      return policy.decide(CertificateInfo.of(cert), now);
    }
    Login login = new Accounts(store.accountsDir()).login(session, Accounts.Registration.NONE);
    RenewalInfo ri = login.bindRenewalInfo(cert);
    Optional<Instant> retryAfter = pacing.retry(ri::fetch);
    Instant next = retryAfter.filter(t -> t.isAfter(now)).orElse(now.plus(ARI_RECHECK));
    if (next.isAfter(now.plus(Duration.ofHours(24)))) {
      next = now.plus(Duration.ofHours(24));
    }
    RenewalPolicy.Decision d =
        policy.decide(
            ri.getSuggestedWindowStart(), ri.getSuggestedWindowEnd(), state.renewAt(), now);
    if (persist) {
      record(
          s.name(),
          state.withWindow(
              ri.getSuggestedWindowStart(), ri.getSuggestedWindowEnd(), d.renewAt(), next));
    }
    return d;
  }

  /**
   * Orders a certificate, stages it (never lost from here on), and deploys it.
   *
   * @param deploy whether the deploy hook runs
   * @param writeSettings whether {@code s} becomes the lineage's renewal file (issue)
   */
  private Outcome obtain(
      LineageSettings s,
      Accounts.Registration reg,
      X509Certificate replaces,
      boolean deploy,
      boolean writeSettings)
      throws IOException {
    Instant started = pacing.clock().instant();
    LineageState state = state(s.name());
    AcmeIssuer.Issued issued;
    int previous = store.currentVersion(s.name()).orElse(0);
    int version;
    String cleanup = null;
    try {
      ChallengeResponder responder = responder(s);
      try {
        Session session = CaSessions.open(s.directory(), s.caBundle(), Duration.ofSeconds(30));
        // The directory, with retries, before anything else talks to the CA.
        pacing.retry(() -> session.resourceUrl(Resource.NEW_ACCOUNT));
        // Account creation gets the same bounded retries (rate limits, bad nonces) as the order.
        Accounts accounts = new Accounts(store.accountsDir());
        Login login = pacing.retry(() -> accounts.login(session, reg));
        issued =
            new AcmeIssuer(pacing)
                .issue(login, s.domains(), s.keyType(), s.profile(), replaces, responder);
      } catch (IOException | AcmeException | RuntimeException e) {
        closeQuietly(responder, e);
        throw e;
      }
      // A challenge left behind (a DNS record, a file) must not throw away a certificate the CA
      // already issued: it is installed and deployed, and the cleanup failure is reported.
      try {
        responder.close();
      } catch (IOException e) {
        cleanup = "; challenge cleanup failed: " + oneLine(e);
      }
      try {
        version = store.stage(s.name(), issued.key(), issued.chain(), writeSettings ? s : null);
      } catch (IOException | RuntimeException e) {
        throw new IOException(notStored(s.name(), issued, e), e);
      }
    } catch (IOException | AcmeException | RuntimeException e) {
      String why = CaErrors.describe(e, s.directory(), s.caBundle());
      record(s.name(), state.attempted(started, CertificateMetrics.RESULT_FAILED, why));
      return new Outcome(s.name(), Result.FAILED, why);
    }
    if (writeSettings) {
      JsonFiles.write(store.renewalFile(s.name()), s);
    }
    return deploy(
        deploy ? s : s.withDeployHook(null),
        version,
        previous,
        issued.chain().get(0),
        started,
        cleanup);
  }

  /**
   * Makes staged {@code version} live and runs the deploy hook; clears the pending mark only when
   * both succeeded. When the hook fails the version stays pending for the next run, and the
   * previous version is live again unless it is revoked or expired (never serve those).
   *
   * @param note appended to the outcome's detail, or null
   */
  private Outcome deploy(
      LineageSettings s,
      int version,
      int previous,
      X509Certificate leaf,
      Instant started,
      String note)
      throws IOException {
    LineageState state = state(s.name());
    Instant notAfter = leaf.getNotAfter().toInstant();
    store.activate(s.name(), version);
    if (s.deployHook() != null) {
      boolean builtIn = NginxDeploy.isBuiltIn(s.deployHook());
      try {
        if (builtIn) {
          nginx.deploy(s.deployHook(), s.domains().get(0).replace("*.", "www."), leaf);
        } else {
          new DeployHook(hooks).run(s.deployHook(), s.name(), store.liveDir(s.name()), s.domains());
        }
      } catch (IOException e) {
        String restored = "";
        if (previous > 0 && previous != version) {
          String bad = unusable(s.name(), previous, state, started);
          if (bad == null) {
            store.activate(s.name(), previous);
            restored = "; version " + previous + " restored";
            if (builtIn) {
              try {
                nginx.reload(); // serve the restored version again
              } catch (IOException again) {
                e.addSuppressed(again);
              }
            }
          } else {
            restored = "; version " + previous + " not restored (" + bad + ")";
          }
        }
        record(
            s.name(),
            state.attempted(started, CertificateMetrics.RESULT_DEPLOY_FAILED, oneLine(e)));
        return new Outcome(
            s.name(),
            Result.DEPLOY_FAILED,
            oneLine(e)
                + restored
                + "; version "
                + version
                + " is kept and the next renew deploys it without a new order");
      }
    }
    store.clearPending(s.name());
    record(s.name(), LineageState.issued(started));
    return new Outcome(
        s.name(),
        Result.RENEWED,
        "version " + version + ", expires " + notAfter + (note == null ? "" : note));
  }

  /**
   * The line for a certificate the CA issued but the directory would not take: what failed, what to
   * do, and where the certificate was saved instead (never thrown away).
   */
  private String notStored(String name, AcmeIssuer.Issued issued, Exception e) {
    String why =
        e instanceof java.nio.file.AccessDeniedException
            ? "cannot write " + e.getMessage() + " (permission denied)"
            : oneLine(e);
    String saved;
    try {
      saved =
          "the issued certificate is saved in "
              + CertificateStore.rescue(name, issued.key(), issued.chain());
    } catch (IOException again) {
      saved = "the issued certificate could not be saved either (" + oneLine(again) + ")";
    }
    return "issued, but not stored in "
        + store.root()
        + ": "
        + why
        + "; "
        + saved
        + ". Fix the directory's permissions (run as its owner, usually root) and install it"
        + " by hand, or run again";
  }

  private static void closeQuietly(ChallengeResponder r, Exception failure) {
    try {
      r.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private ChallengeResponder responder(LineageSettings s) throws IOException {
    LineageSettings.Challenge c = s.challenge();
    switch (c.type()) {
      case "webroot":
        return new WebrootResponder(c.webroot());
      case "standalone":
        return new StandaloneResponder(
            c.httpAddress() == null
                ? new InetSocketAddress(c.httpPort())
                : new InetSocketAddress(c.httpAddress(), c.httpPort()));
      case "dns":
        return new DnsHookResponder(c.dnsHook(), hooks);
      default:
        throw new IOException(s.name() + ": unknown challenge type " + c.type());
    }
  }

  /** Revokes the live certificate of {@code name} with an RFC 5280 {@code reason}. */
  public void revoke(String name, RevocationReason reason) throws IOException, AcmeException {
    try (CertLock lock = CertLock.acquire(store.root(), lockWait, lockNotice)) {
      LineageSettings s =
          readSettings(name)
              .orElseThrow(() -> new IOException("no renewal file " + store.renewalFile(name)));
      X509Certificate cert =
          store
              .currentChain(name)
              .orElseThrow(() -> new IOException(name + ": no live certificate"))
              .get(0);
      try {
        Session session = CaSessions.open(s.directory(), s.caBundle(), Duration.ofSeconds(30));
        Login login = new Accounts(store.accountsDir()).login(session, Accounts.Registration.NONE);
        pacing.retry(
            () -> {
              org.shredzone.acme4j.Certificate.revoke(login, cert, reason);
              return null;
            });
        record(
            name, state(name).revoked(CertificateInfo.of(cert).serial(), pacing.clock().instant()));
      } catch (AcmeException | org.shredzone.acme4j.exception.AcmeProtocolException e) {
        throw new IOException(
            name + ": revocation failed: " + CaErrors.describe(e, s.directory(), s.caBundle()), e);
      }
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
      out.add(statusOf(name, now));
    }
    return out;
  }

  private Status statusOf(String name, Instant now) {
    LineageState st = LineageState.EMPTY;
    try {
      st = state(name);
      readSettings(name); // a renewal file renew cannot read means no renewals: say so now
      List<X509Certificate> chain =
          store
              .currentChain(name)
              .orElseThrow(
                  () ->
                      new IOException(store.liveDir(name).resolve("fullchain.pem") + ": missing"));
      CertificateInfo info = CertificateInfo.of(chain.get(0));
      if (!chain.get(0).getPublicKey().equals(store.currentKey(name).getPublic())) {
        throw new IOException(
            store.liveDir(name).resolve("privkey.pem") + ": does not match the certificate");
      }
      RenewalPolicy.Decision d =
          st.revokes(info)
              ? revokedDecision(st)
              : bounded(
                  st.ariStart() != null && st.renewAt() != null && policy.usesAri()
                      ? policy.decide(st.ariStart(), st.ariEnd(), st.renewAt(), now)
                      : policy.decide(info, now),
                  info,
                  now);
      return new Status(name, info, d, st, null);
    } catch (IOException | RuntimeException e) {
      return new Status(name, null, null, st, oneLine(e));
    }
  }

  /**
   * The renewal settings of a lineage.
   *
   * @throws IOException naming the file and the field when it is unreadable or incomplete
   */
  public Optional<LineageSettings> readSettings(String name) throws IOException {
    return readSettings(store, name);
  }

  static Optional<LineageSettings> readSettings(CertificateStore store, String name)
      throws IOException {
    java.nio.file.Path file = store.renewalFile(name);
    Optional<LineageSettings> s = JsonFiles.read(file, LineageSettings.class);
    if (s.isPresent()) {
      String missing = s.get().missingField();
      if (missing != null) {
        throw new IOException(file + ": missing or empty field '" + missing + "'");
      }
      if (!s.get().name().equals(name)) {
        // Renewing it would write into another lineage's directories.
        throw new IOException(
            file + ": field 'name' is '" + s.get().name() + "', expected '" + name + "'");
      }
    }
    return s;
  }

  /** The recorded state of a lineage. */
  public LineageState state(String name) throws IOException {
    return JsonFiles.read(store.stateFile(name), LineageState.class).orElse(LineageState.EMPTY);
  }

  private void record(String name, LineageState s) throws IOException {
    JsonFiles.write(store.stateFile(name), s);
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return withoutClassNames(m.lines().findFirst().orElse(m));
  }

  private static final java.util.regex.Pattern CLASS_NAME =
      java.util.regex.Pattern.compile(
          "(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?:: ?)?");

  /**
   * {@code message} without the JDK's "sun.security.x.YException: " prefixes, which mean nothing to
   * a user and leak through wrapped causes.
   */
  public static String withoutClassNames(String message) {
    String m = CLASS_NAME.matcher(message).replaceAll("").strip();
    return m.isEmpty() ? message : m;
  }
}
