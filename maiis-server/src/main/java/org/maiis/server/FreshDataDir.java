package org.maiis.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The state directory of a start: a start that failed leaves none behind that it created. */
final class FreshDataDir {
  /** What runs in the directory. */
  @FunctionalInterface
  interface Start<T> {
    /** Starts in {@code dir}. */
    T in(Path dir) throws IOException;
  }

  private FreshDataDir() {}

  /** Creates {@code dir} when missing and runs {@code start} in it; removes it if it was new. */
  static <T> T run(Path dir, Start<T> start) throws IOException {
    boolean fresh = Files.notExists(dir);
    Path created = Files.createDirectories(dir);
    try {
      return start.in(created);
    } catch (IOException | RuntimeException e) {
      if (fresh) {
        deleteTree(created, e);
      }
      throw e;
    }
  }

  private static void deleteTree(Path dir, Exception failure) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      failure.addSuppressed(e);
    }
  }
}
