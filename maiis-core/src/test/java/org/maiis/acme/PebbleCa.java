package org.maiis.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Pebble per test class, optionally behind a front (ARI, counting proxy), started before the
 * class and stopped after it: {@code @RegisterExtension static final PebbleCa<ProxyFront> ca =
 * PebbleCa.withFront(options, ProxyFront::new);}.
 *
 * @param <F> the front's type
 */
public final class PebbleCa<F extends AutoCloseable>
    implements BeforeAllCallback, AfterAllCallback {
  /** Starts a front before a running Pebble. */
  @FunctionalInterface
  public interface Front<F> {
    /** The front for {@code pebble}. */
    F start(PebbleFixture pebble) throws Exception;
  }

  private final PebbleFixture.Options options;
  private final Front<F> frontFactory;
  private Path dir;
  private PebbleFixture pebble;
  private F front;

  private PebbleCa(PebbleFixture.Options options, Front<F> frontFactory) {
    this.options = options;
    this.frontFactory = frontFactory;
  }

  /** A Pebble with {@code options} and no front. */
  public static PebbleCa<AutoCloseable> of(PebbleFixture.Options options) {
    return new PebbleCa<>(options, p -> () -> {});
  }

  /** A Pebble with {@code options} behind the front {@code front} starts. */
  public static <F extends AutoCloseable> PebbleCa<F> withFront(
      PebbleFixture.Options options, Front<F> front) {
    return new PebbleCa<>(options, front);
  }

  /** The running Pebble. */
  public PebbleFixture pebble() {
    return pebble;
  }

  /** The running front. */
  public F front() {
    return front;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("maiis-pebble-");
    pebble = PebbleFixture.start(dir, options);
    front = frontFactory.start(pebble);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (front != null) {
        front.close();
      }
    } finally {
      if (pebble != null) {
        pebble.close();
      }
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
