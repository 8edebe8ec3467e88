package org.maiis.render.nginx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.maiis.render.output.RenderedTree;

/**
 * Each variant renders byte-for-byte to its golden tree. After an intended change, regenerate with
 * {@code mvn -pl maiis-core test -Dtest=NginxGoldenTest -Dmaiis.golden.update=true} and review the
 * diff.
 */
class NginxGoldenTest {
  static final java.util.List<String> VARIANTS = Goldens.VARIANTS;

  @ParameterizedTest
  @FieldSource("VARIANTS")
  void rendersTheGoldenTree(String variant) throws IOException {
    RenderedTree tree = Goldens.render(variant);
    if (Boolean.getBoolean("maiis.golden.update")) {
      Goldens.update(variant, tree);
      return;
    }
    Path expected = Goldens.dir(variant).resolve("expected");
    SortedSet<String> files = new TreeSet<>();
    try (var walk = Files.walk(expected)) {
      walk.filter(Files::isRegularFile).forEach(p -> files.add(expected.relativize(p).toString()));
    }
    assertEquals(files, tree.paths(), "the set of rendered files");
    for (String path : files) {
      assertEquals(
          Files.readString(expected.resolve(path)), tree.text(path), variant + ": " + path);
    }
  }

  @ParameterizedTest
  @FieldSource("VARIANTS")
  void rendersTheSameBytesEveryTime(String variant) {
    RenderedTree first = Goldens.render(variant);
    RenderedTree second = Goldens.render(variant);
    assertEquals(first.paths(), second.paths());
    for (String path : first.paths()) {
      assertArrayEquals(first.bytes(path), second.bytes(path), path);
    }
  }
}
