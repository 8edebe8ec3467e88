package org.maiis.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes files so that a reader sees either the old content or the new one, never a half-written
 * file: temp file in the same directory, fsync, atomic rename, fsync of the directory.
 */
public final class AtomicFiles {

  /** Permissions for ordinary generated files. */
  public static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  /** Permissions for private keys and other secrets. */
  public static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  /** Atomically replaces {@code target} with {@code text} (UTF-8), mode 0644. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8), PUBLIC);
  }

  /** Atomically replaces {@code target} with {@code bytes}, created with {@code permissions}. */
  public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions)
      throws IOException {
    writeAll(Map.of(target, bytes), permissions);
  }

  /**
   * Writes every file of {@code files} or, as far as the file system allows, none of them: all temp
   * files are written and synced first, and only then renamed into place. A failure while staging
   * (a directory that cannot be written, a directory where a file should go) removes the temp files
   * and leaves every target as it was; the exception names the target or its directory, not a temp
   * file.
   */
  public static void writeAll(Map<Path, byte[]> files, Set<PosixFilePermission> permissions)
      throws IOException {
    List<Path[]> staged = new ArrayList<>();
    try {
      for (Map.Entry<Path, byte[]> e : files.entrySet()) {
        Path target = e.getKey().toAbsolutePath();
        staged.add(new Path[] {stage(target, e.getValue(), permissions), target});
      }
      for (Path[] s : staged) {
        move(s[0], s[1]);
      }
      for (Path[] s : staged) {
        fsyncDirectory(s[1].getParent());
      }
    } finally {
      for (Path[] s : staged) {
        deleteQuietly(s[0]);
      }
    }
  }

  /** Writes {@code bytes} to a synced temp file beside {@code target} and returns the temp file. */
  private static Path stage(Path target, byte[] bytes, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // createDirectories met a file where a directory should be.
      throw new FileSystemException(e.getFile(), null, "not a directory");
    }
    if (Files.isDirectory(target)) {
      throw new FileSystemException(target.toString(), null, "is a directory, not a file");
    }
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      // The temp file gets its final permissions at creation, so a key is never readable by others.
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(permissions));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      return tmp;
    } catch (java.nio.file.AccessDeniedException e) {
      deleteQuietly(tmp);
      throw new java.nio.file.AccessDeniedException(dir.toString());
    } catch (FileSystemException e) {
      deleteQuietly(tmp);
      throw e;
    } catch (IOException e) {
      // A write that fails (a full disk) says only "No space left on device": name the target.
      deleteQuietly(tmp);
      FileSystemException named = new FileSystemException(target.toString(), null, e.getMessage());
      named.initCause(e);
      throw named;
    }
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // Nothing was staged there, or the directory refuses even that; the original error counts.
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories; the rename itself is still atomic there.
    }
  }
}
