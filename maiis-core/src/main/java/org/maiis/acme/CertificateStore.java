package org.maiis.acme;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.maiis.tls.KeyPairs;
import org.maiis.tls.Pem;

/**
 * The certificate directory, laid out as ops people know it from certbot:
 *
 * <pre>
 * CERTDIR/live/NAME/{cert,chain,fullchain,privkey}.pem  -> ../../archive/NAME/current/*.pem
 * CERTDIR/archive/NAME/N/{cert,chain,fullchain,privkey}.pem   (one directory per version)
 * CERTDIR/archive/NAME/current -> N
 * CERTDIR/archive/NAME/pending -> N     a version issued but not yet deployed (see below)
 * CERTDIR/renewal/NAME.json       how the lineage was issued
 * CERTDIR/state/NAME.json         last attempt, result, renewal window
 * CERTDIR/accounts/...            ACME account keys
 * </pre>
 *
 * <p>The four live files resolve through the single {@code current} link, so switching versions is
 * one atomic rename: {@code live/} never shows a key from one version with a certificate from
 * another. A version directory is complete before it is linked. Directories are 0700, keys 0600.
 *
 * <p>An issued certificate is never thrown away: {@link #stage} writes it into the archive and
 * marks it {@code pending} before anything else happens, and the mark is cleared only once the
 * version is live and deployed. A run that dies in between (or whose deploy hook fails) leaves the
 * mark, and the next run deploys that version instead of ordering a new one.
 */
public final class CertificateStore {
  private static final String DELETING = ".deleting";

  /** The four files of a version, as certbot names them. */
  public static final List<String> FILES =
      List.of("cert.pem", "chain.pem", "fullchain.pem", "privkey.pem");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Path root;

  /** A store rooted at {@code root} (made absolute, so paths never depend on the cwd later). */
  public CertificateStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The certificate directory. */
  public Path root() {
    return root;
  }

  /** {@code live/NAME}, where nginx points. */
  public Path liveDir(String name) {
    return root.resolve("live").resolve(checkName(name));
  }

  /** {@code archive/NAME}. */
  public Path archiveDir(String name) {
    return root.resolve("archive").resolve(checkName(name));
  }

  /** The renewal file of a lineage. */
  public Path renewalFile(String name) {
    return root.resolve("renewal").resolve(checkName(name) + ".json");
  }

  /** The state file of a lineage. */
  public Path stateFile(String name) {
    return root.resolve("state").resolve(checkName(name) + ".json");
  }

  /** The ACME accounts directory. */
  public Path accountsDir() {
    return root.resolve("accounts");
  }

  /**
   * Lineage names with a live certificate, sorted. A {@code cert.pem} link that leads nowhere still
   * counts, so a damaged lineage is reported rather than silently dropped.
   */
  public List<String> lineages() throws IOException {
    return names(
        root.resolve("live"), p -> Files.exists(p.resolve("cert.pem"), LinkOption.NOFOLLOW_LINKS));
  }

  /** The valid lineage names among the entries of {@code dir} that {@code keep} takes, sorted. */
  private static List<String> names(Path dir, PathTest keep) throws IOException {
    List<String> out = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path p : ds) {
          if (isValidName(p.getFileName().toString()) && keep.test(p)) {
            out.add(p.getFileName().toString());
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** A test of a directory entry that may read the disk. */
  @FunctionalInterface
  private interface PathTest {
    boolean test(Path p) throws IOException;
  }

  /** The version {@code live/NAME} currently resolves to. */
  public OptionalInt currentVersion(String name) throws IOException {
    Path current = archiveDir(name).resolve("current");
    if (!Files.isSymbolicLink(current)) {
      return OptionalInt.empty();
    }
    String target = Files.readSymbolicLink(current).toString();
    if (!target.matches("[0-9]{1,9}")) {
      throw new IOException(current + ": not a version number (" + target + ")");
    }
    return OptionalInt.of(Integer.parseInt(target));
  }

  /** The live certificate chain (leaf first), if the lineage exists. */
  public Optional<List<X509Certificate>> currentChain(String name) throws IOException {
    Path f = liveDir(name).resolve("fullchain.pem");
    return Files.exists(f) ? Optional.of(Pem.readCertificates(f)) : Optional.empty();
  }

  /**
   * The issuer of the live certificate when a CA issued it (the lineage has a renewal file, or its
   * certificate is not self-signed), else empty. A live pair that cannot be read counts as not
   * CA-issued unless the renewal file says otherwise.
   */
  public Optional<String> caIssuer(String name) {
    String issuer = null;
    try {
      Optional<List<X509Certificate>> chain = currentChain(name);
      if (chain.isPresent()) {
        X509Certificate leaf = chain.get().get(0);
        issuer = leaf.getIssuerX500Principal().getName();
        if (leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) {
          issuer = Files.exists(renewalFile(name)) ? issuer : null;
        }
      }
    } catch (IOException e) {
      issuer = null;
    }
    if (issuer == null && Files.exists(renewalFile(name))) {
      issuer = "the CA in " + renewalFile(name);
    }
    return Optional.ofNullable(issuer);
  }

  /** The live private key. */
  public KeyPair currentKey(String name) throws IOException {
    return Pem.readKeyPair(liveDir(name).resolve("privkey.pem"));
  }

  /** Whether the live private key belongs to {@code leaf}. */
  public boolean currentKeyMatches(String name, X509Certificate leaf) throws IOException {
    PrivateKey key = Pem.readPrivateKey(liveDir(name).resolve("privkey.pem"));
    return KeyPairs.belongTogether(key, leaf.getPublicKey());
  }

  /**
   * Stores a new version and makes it live. {@code chain} is leaf first. Fails before touching
   * {@code live/} when the key does not belong to the certificate.
   *
   * @return the new version number
   */
  public int install(String name, KeyPair key, List<X509Certificate> chain) throws IOException {
    checkPair(name, key, chain);
    int version = VersionFiles.writeNew(archiveDir(name), key, chain, (tmp, v) -> {});
    activate(name, version);
    return version;
  }

  /**
   * Stores a new version in the archive without making it live, marked pending (the mark is written
   * first and names the version before it exists, so no crash leaves an issued certificate
   * unmarked). {@code settings}, when given, are kept beside it so a lineage whose renewal file was
   * never written can be completed from the archive alone.
   *
   * @return the new version number
   */
  public int stage(String name, KeyPair key, List<X509Certificate> chain, LineageSettings settings)
      throws IOException {
    checkPair(name, key, chain);
    Path archive = archiveDir(name);
    return VersionFiles.writeNew(
        archive,
        key,
        chain,
        (tmp, version) -> {
          if (settings != null) {
            JsonFiles.write(tmp.resolve(SETTINGS), settings);
          }
          VersionFiles.link(archive, "pending", version);
        });
  }

  private static void checkPair(String name, KeyPair key, List<X509Certificate> chain)
      throws IOException {
    if (chain.isEmpty() || !chain.get(0).getPublicKey().equals(key.getPublic())) {
      throw new IOException(name + ": the private key does not match the certificate");
    }
  }

  /** The settings file {@link #stage} keeps inside a version directory. */
  static final String SETTINGS = "renewal.json";

  /**
   * The version issued but not yet deployed, if any. A mark naming a version that was never
   * completed (a crash before its directory was renamed into place) counts as none.
   */
  public OptionalInt pendingVersion(String name) throws IOException {
    Path mark = archiveDir(name).resolve("pending");
    if (!Files.isSymbolicLink(mark)) {
      return OptionalInt.empty();
    }
    String target = Files.readSymbolicLink(mark).toString();
    if (!target.matches("[0-9]{1,9}") || !Files.isDirectory(archive(name, target))) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(target));
  }

  /** Removes the pending mark (the version stays in the archive). */
  public void clearPending(String name) throws IOException {
    Files.deleteIfExists(archiveDir(name).resolve("pending"));
  }

  /** The chain (leaf first) of an archived version. */
  public List<X509Certificate> chain(String name, int version) throws IOException {
    return Pem.readCertificates(archive(name, Integer.toString(version)).resolve("fullchain.pem"));
  }

  /** The key pair of an archived version. */
  public KeyPair key(String name, int version) throws IOException {
    return Pem.readKeyPair(archive(name, Integer.toString(version)).resolve("privkey.pem"));
  }

  /** Whether the private key of archived {@code version} belongs to {@code leaf}. */
  boolean keyMatches(String name, int version, X509Certificate leaf) throws IOException {
    Path file = archive(name, Integer.toString(version)).resolve("privkey.pem");
    return KeyPairs.belongTogether(Pem.readPrivateKey(file), leaf.getPublicKey());
  }

  /** The settings {@link #stage} kept with a version, if any. */
  Optional<LineageSettings> stagedSettings(String name, int version) throws IOException {
    return JsonFiles.read(
        archive(name, Integer.toString(version)).resolve(SETTINGS), LineageSettings.class);
  }

  /** Names of lineages with a pending version, sorted (some may have no live certificate yet). */
  public List<String> pendingLineages() throws IOException {
    return names(
        root.resolve("archive"), p -> pendingVersion(p.getFileName().toString()).isPresent());
  }

  private Path archive(String name, String version) {
    return archiveDir(name).resolve(version);
  }

  /** Points {@code live/NAME} at an existing {@code version} (one atomic rename). */
  public void activate(String name, int version) throws IOException {
    Path archive = archiveDir(name);
    if (!Files.isDirectory(archive.resolve(Integer.toString(version)))) {
      throw new IOException(name + ": no archived version " + version);
    }
    VersionFiles.link(archive, "current", version);
    ensureLiveLinks(name);
  }

  /**
   * Removes lineage {@code name}: its live links, archive (keys included), renewal and state files.
   * Each part is renamed into {@code .deleting/NAME} and that directory deleted last. The pending
   * mark goes first and the live links next, so a run killed at any step leaves nothing that renew
   * or status would act on, and running it again completes it.
   *
   * @return whether there was anything to remove
   */
  public boolean delete(String name) throws IOException {
    Path trash = root.resolve(DELETING).resolve(checkName(name));
    List<Path> parts = List.of(liveDir(name), archiveDir(name), renewalFile(name), stateFile(name));
    boolean found = Files.exists(trash, LinkOption.NOFOLLOW_LINKS);
    for (Path p : parts) {
      found |= Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
    if (!found) {
      return false;
    }
    clearPending(name);
    VersionFiles.deleteRecursively(trash);
    VersionFiles.createPrivateDirs(trash);
    int i = 0;
    for (Path p : parts) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(p, trash.resolve(Integer.toString(i)), StandardCopyOption.ATOMIC_MOVE);
      }
      i++;
    }
    VersionFiles.deleteRecursively(trash);
    try {
      Files.deleteIfExists(root.resolve(DELETING));
    } catch (DirectoryNotEmptyException e) {
      // another lineage's deletion was cut short: its own next delete finishes it
    }
    return true;
  }

  /** Creates the directories of the layout with mode 0700. */
  public void createLayout() throws IOException {
    VersionFiles.createPrivateDirs(root);
    for (String d : List.of("live", "archive", "renewal", "state", "accounts")) {
      VersionFiles.createPrivateDirs(root.resolve(d));
    }
  }

  private void ensureLiveLinks(String name) throws IOException {
    Path live = liveDir(name);
    VersionFiles.createPrivateDirs(live);
    for (String f : FILES) {
      VersionFiles.ensureLink(live.resolve(f), Path.of("..", "..", "archive", name, "current", f));
    }
  }

  /** Lineage names become path segments: letters, digits, '.', '_' and '-' only. */
  public static String checkName(String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "invalid lineage name '" + name + "' (letters, digits, '.', '_', '-')");
    }
    return name;
  }

  private static boolean isValidName(String name) {
    return NAME.matcher(name).matches() && !name.contains("..");
  }
}
