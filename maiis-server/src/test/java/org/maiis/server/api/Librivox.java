package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.maiis.testing.ExternalTools;

/**
 * The real recording of pocketsphinx-testdata ("he was not an ill disposed young man"): 3 s of 16
 * kHz mono speech the voice tests send and expect to be mostly heard.
 */
final class Librivox {
  static final Path RECORDING =
      Path.of(
          "/usr/share/pocketsphinx/test/data/librivox/"
              + "sense_and_sensibility_01_austen_64kb-0880.wav");

  private Librivox() {}

  /** The recording's bytes; the test is skipped (failed under MAIIS_REQUIRE_TOOLS) without it. */
  static byte[] readOrSkip() throws IOException {
    if (!Files.isReadable(RECORDING)) {
      assertFalse(ExternalTools.SYSTEM.required(), "install pocketsphinx-testdata");
      Assumptions.abort("pocketsphinx-testdata is not installed");
    }
    return Files.readAllBytes(RECORDING);
  }

  /** At least half of the spoken words are in {@code text}: pocketsphinx never hears them all. */
  static void assertMostlyHeard(String text) {
    List<String> heard = List.of(text.toLowerCase(Locale.ROOT).split("\\s+"));
    long right =
        Stream.of("he", "was", "not", "an", "ill", "disposed", "young", "man")
            .filter(heard::contains)
            .count();
    assertTrue(right >= 4, "heard: " + heard);
  }
}
