package org.maiis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in the broken-config corpus yields exactly the problem lines in its .expect sidecar:
 * right location, right field, a message saying what is wrong and what was expected.
 */
class BrokenConfigCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/config/broken");
  private static final Map<String, String> ENV = Map.of("HOME", "/root");

  static Stream<Path> corpus() throws IOException {
    return Files.list(CORPUS).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @Test
  void corpusIsLargeEnough() throws IOException {
    assertTrue(corpus().count() >= 25, "at least 25 broken configs");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachBrokenConfigGetsItsOwnPreciseErrors(Path file) throws IOException {
    String name = file.getFileName().toString();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> expected =
        Files.readAllLines(Path.of(file.toString().replaceAll("\\.yaml$", ".expect"))).stream()
            .filter(l -> !l.isBlank())
            .map(l -> name + ":" + l)
            .toList();

    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader(ENV::get).parse(name, text));

    List<String> actual = e.problems().stream().map(ConfigProblem::format).toList();
    assertEquals(expected, actual);
    for (String line : actual) {
      assertFalse(line.contains("\n"), "one line per problem: " + line);
    }
  }

  @Test
  void secretsAreNeverEchoedInErrors() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new ConfigLoader(ENV::get)
                    .parse("x.yaml", "sentry:\n  dsn: https://s3cr3tkey@o1.ingest.sentry.io/1\n"));
    assertFalse(e.problems().get(0).format().contains("s3cr3tkey"));
  }
}
