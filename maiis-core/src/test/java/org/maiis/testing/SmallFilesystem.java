package org.maiis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a few megabytes mounted for one test, to fill up: the disk-full faults as they happen.
 * Mounting needs root; without it the test skips, or fails when tools are required.
 */
public final class SmallFilesystem implements AutoCloseable {
  private final Path mnt;

  private SmallFilesystem(Path mnt) {
    this.mnt = mnt;
  }

  /** A tmpfs of {@code size} (such as {@code 16m}) mounted on {@code mnt}, created if absent. */
  public static SmallFilesystem mount(Path mnt, String size) throws Exception {
    ExternalTools.SYSTEM.require("mount", "mount");
    if (!"root".equals(System.getProperty("user.name"))) {
      String why = "mounting a small tmpfs needs root";
      if (ExternalTools.SYSTEM.required()) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    Files.createDirectories(mnt);
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString())
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor(), "mount tmpfs");
    return new SmallFilesystem(mnt);
  }

  /** Where it is mounted. */
  public Path path() {
    return mnt;
  }

  /** Writes {@code name} under it until the filesystem refuses (ENOSPC); returns that file. */
  public Path fill(String name) {
    Path filler = mnt.resolve(name);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      return filler;
    }
  }

  @Override
  public void close() throws Exception {
    // Lazily: a server of the test may still hold a file open there.
    new ProcessBuilder("umount", "-l", mnt.toString()).inheritIO().start().waitFor();
  }
}
