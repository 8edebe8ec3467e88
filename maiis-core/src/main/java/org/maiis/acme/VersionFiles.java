package org.maiis.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.maiis.files.AtomicFiles;
import org.maiis.tls.Pem;

/**
 * The file-level steps of the certificate directory: private directories, complete version
 * directories renamed into place, and symbolic links switched by one atomic rename.
 */
final class VersionFiles {
  private VersionFiles() {}

  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  /**
   * Writes a new version directory into {@code archive} (complete before it is renamed into place)
   * and returns its number; {@code beforeRename} runs on the finished temporary directory first.
   */
  static int writeNew(Path archive, KeyPair key, List<X509Certificate> chain, BeforeRename before)
      throws IOException {
    createPrivateDirs(archive);
    int version = nextVersion(archive);
    Path tmp = archive.resolve("." + version + ".tmp");
    deleteRecursively(tmp);
    Files.createDirectory(tmp, PosixFilePermissions.asFileAttribute(DIR));
    writeFiles(tmp, key, chain);
    before.run(tmp, version);
    Files.move(tmp, archive.resolve(Integer.toString(version)), StandardCopyOption.ATOMIC_MOVE);
    return version;
  }

  /** What {@link #writeNew} does with the finished directory before renaming it. */
  @FunctionalInterface
  interface BeforeRename {
    /** Called with the temporary directory and the version it becomes. */
    void run(Path tmp, int version) throws IOException;
  }

  /**
   * Saves an issued certificate that could not be stored in the directory (permissions, a full or
   * read-only disk) into a new private directory under the system temp directory, so the CA's work
   * is not lost.
   *
   * @return the directory holding cert.pem, chain.pem, fullchain.pem and privkey.pem
   */
  static Path rescue(String name, KeyPair key, List<X509Certificate> chain) throws IOException {
    Path dir =
        Files.createTempDirectory(
            "maiis-" + CertificateStore.checkName(name) + "-",
            PosixFilePermissions.asFileAttribute(DIR));
    writeFiles(dir, key, chain);
    return dir;
  }

  /** Writes cert, chain, fullchain (0644) and privkey (0600) of {@code chain} into {@code dir}. */
  static void writeFiles(Path dir, KeyPair key, List<X509Certificate> chain) throws IOException {
    AtomicFiles.write(
        dir.resolve("cert.pem"), bytes(Pem.certificates(chain.subList(0, 1))), AtomicFiles.PUBLIC);
    AtomicFiles.write(
        dir.resolve("chain.pem"),
        bytes(Pem.certificates(chain.subList(1, chain.size()))),
        AtomicFiles.PUBLIC);
    AtomicFiles.write(
        dir.resolve("fullchain.pem"), bytes(Pem.certificates(chain)), AtomicFiles.PUBLIC);
    AtomicFiles.write(
        dir.resolve("privkey.pem"), bytes(Pem.privateKey(key.getPrivate())), AtomicFiles.PRIVATE);
  }

  /** Points {@code archive/linkName} at {@code version} with one atomic rename. */
  static void link(Path archive, String linkName, int version) throws IOException {
    Path link = archive.resolve("." + linkName + ".tmp");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of(Integer.toString(version)));
    try {
      Files.move(link, archive.resolve(linkName), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(archive + ": file system cannot rename atomically", e);
    }
  }

  /** Makes {@code link} a symbolic link to {@code target} (atomically; kept when it already is). */
  static void ensureLink(Path link, Path target) throws IOException {
    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
      return;
    }
    Path tmp = link.resolveSibling("." + link.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, target);
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Creates {@code dir} and its missing parents with mode 0700. */
  static void createPrivateDirs(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createPrivateDirs(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
    } catch (FileAlreadyExistsException e) {
      // created by a parallel run in the meantime
    }
  }

  private static int nextVersion(Path archive) throws IOException {
    int max = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(archive)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.matches("[0-9]+") && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          max = Math.max(max, Integer.parseInt(n));
        }
      }
    }
    return max + 1;
  }

  /** Deletes {@code p} and what is under it, never following a symbolic link. */
  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
        for (Path c : ds) {
          deleteRecursively(c);
        }
      }
    }
    Files.delete(p);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
