package org.maiis.acme;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The per-certificate-directory lock ({@code CERTDIR/.lock}) that keeps two runs from renewing the
 * same lineage at once. It is a kernel record lock, not the file's existence: a process killed
 * while holding it releases it, so a stale lock file is reused, never an obstacle. A second run
 * waits for the first and then finds nothing due.
 */
public final class CertLock implements AutoCloseable {
  // The lock knows the channel it was taken through (FileLock.channel()), which close() closes.
  private final FileLock lock;

  private CertLock(FileLock lock) {
    this.lock = lock;
  }

  /** Thrown when the lock stayed busy for the whole wait. */
  public static final class BusyException extends IOException {
    private static final long serialVersionUID = 1L;

    BusyException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock of {@code certDir}, waiting up to {@code wait} for another run to finish.
   *
   * @throws BusyException when another run still holds it after {@code wait}
   */
  public static CertLock acquire(Path certDir, Duration wait) throws IOException {
    return acquire(certDir, wait, notice -> {});
  }

  /**
   * As {@link #acquire(Path, Duration)}, telling {@code onWait} once, in one line, when the lock is
   * busy and this run starts waiting (a silent wait of minutes looks like a hang).
   */
  public static CertLock acquire(
      Path certDir, Duration wait, java.util.function.Consumer<String> onWait) throws IOException {
    VersionFiles.createPrivateDirs(certDir);
    Path file = certDir.resolve(".lock");
    FileChannel ch =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ),
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                org.maiis.files.AtomicFiles.PRIVATE));
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = 20;
    try {
      while (true) {
        FileLock l = tryLock(ch);
        if (l != null) {
          // Who holds it, for a human looking at a busy lock; not used for locking itself.
          ch.truncate(0);
          ch.write(
              ByteBuffer.wrap(
                  (ProcessHandle.current().pid() + " " + Instant.now() + "\n")
                      .getBytes(StandardCharsets.US_ASCII)),
              0);
          return new CertLock(l);
        }
        if (System.nanoTime() >= deadline) {
          throw new BusyException(
              "another maiis ssl run ("
                  + holder(ch)
                  + ") holds "
                  + file
                  + "; gave up after "
                  + human(wait)
                  + ". Try again when it is done, or wait longer with --lock-timeout");
        }
        if (pause == 20) {
          onWait.accept(
              "another maiis ssl run ("
                  + holder(ch)
                  + ") holds "
                  + file
                  + "; waiting up to "
                  + human(wait)
                  + " (--lock-timeout)");
        }
        Thread.sleep(pause);
        pause = Math.min(pause * 2, 500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ch.close();
      throw new IOException("interrupted while waiting for " + file, e);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** "pid N since T", as the holder wrote it, or "pid unknown". */
  private static String holder(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate(128);
      int n = ch.read(b, 0);
      String[] parts =
          n <= 0
              ? new String[0]
              : new String(b.array(), 0, n, StandardCharsets.US_ASCII).strip().split(" ");
      if (parts.length == 2 && parts[0].matches("[0-9]+")) {
        return "pid " + parts[0] + " since " + parts[1];
      }
    } catch (IOException e) {
      // the lock file is write-only for us or empty: the holder stays unnamed
    }
    return "pid unknown";
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
  }

  private static FileLock tryLock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (OverlappingFileLockException e) {
      // Held by another thread of this JVM: as busy as a lock held by another process.
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lock.channel().close();
    }
  }
}
