package org.maiis.render.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderedTreeTest {
  @TempDir Path tmp;

  @Test
  void keepsPathsInsideTheTree() {
    RenderedTree t = RenderedTree.empty();
    for (String bad : List.of("/etc/passwd", "../x", "a/../../x", "a//b", "")) {
      assertThrows(IllegalArgumentException.class, () -> t.with(bad, "x"), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> t.with("a", "1").with("a", "2"));
  }

  @Test
  void writesEveryFileAndLeavesOthersAlone() throws Exception {
    Files.writeString(tmp.resolve("mine.txt"), "kept\n");
    RenderedTree.empty().with("b/x.conf", "x\n").with("a.conf", "a\n").writeTo(tmp);
    assertEquals("x\n", Files.readString(tmp.resolve("b/x.conf")));
    assertEquals("a\n", Files.readString(tmp.resolve("a.conf")));
    assertEquals("kept\n", Files.readString(tmp.resolve("mine.txt")));
  }

  @Test
  void listsPathsSorted() {
    RenderedTree t = RenderedTree.empty().with("z", "").with("a/b", "").with("a", "");
    assertEquals(List.of("a", "a/b", "z"), List.copyOf(t.paths()));
  }

  @Test
  void diffAgainstADirectoryShowsChangesAndNewFilesOnly() throws Exception {
    Files.writeString(tmp.resolve("same.conf"), "s\n");
    Files.writeString(tmp.resolve("changed.conf"), "one\ntwo\n");
    RenderedTree t =
        RenderedTree.empty()
            .with("same.conf", "s\n")
            .with("changed.conf", "one\nthree\n")
            .with("new.conf", "n\n");
    assertEquals(
        String.join(
            "\n",
            "--- a/changed.conf",
            "+++ b/changed.conf",
            "@@ -1,2 +1,2 @@",
            " one",
            "-two",
            "+three",
            "--- /dev/null",
            "+++ b/new.conf",
            "@@ -0,0 +1,1 @@",
            "+n",
            ""),
        TreeDiff.unified(t, tmp));
  }

  private static final String MARK = RenderedTree.MARKER + "\n";

  @Test
  void rewritingRemovesRenderedFilesThatAreNoLongerRenderedAndNothingElse() throws Exception {
    RenderedTree.empty()
        .with("rules/a.yml", MARK + "a\n")
        .with("rules/b.yml", MARK + "b\n")
        .with("tests/b.test.yml", MARK + "tb\n")
        .writeTo(tmp);
    Files.writeString(tmp.resolve("rules/mine.yml"), "groups: []\n");
    Files.writeString(tmp.resolve("rules/b.yml.bak"), MARK + "b\n");
    RenderedTree smaller = RenderedTree.empty().with("rules/a.yml", MARK + "a2\n");

    assertEquals(List.of("rules/b.yml"), smaller.stalePaths(tmp));
    assertEquals(
        String.join(
            "\n",
            "--- a/rules/a.yml",
            "+++ b/rules/a.yml",
            "@@ -1,2 +1,2 @@",
            " " + RenderedTree.MARKER,
            "-a",
            "+a2",
            "--- a/rules/b.yml",
            "+++ /dev/null",
            "@@ -1,2 +0,0 @@",
            "-" + RenderedTree.MARKER,
            "-b",
            ""),
        TreeDiff.unified(smaller, tmp));
    assertTrue(Files.exists(tmp.resolve("rules/b.yml")), "--diff writes nothing");

    smaller.writeTo(tmp);
    assertFalse(Files.exists(tmp.resolve("rules/b.yml")));
    assertEquals(MARK + "a2\n", Files.readString(tmp.resolve("rules/a.yml")));
    assertEquals("groups: []\n", Files.readString(tmp.resolve("rules/mine.yml")));
    assertTrue(Files.exists(tmp.resolve("rules/b.yml.bak")));
    assertTrue(Files.exists(tmp.resolve("tests/b.test.yml")), "not a directory written to");
    assertEquals("", TreeDiff.unified(smaller, tmp));
  }

  @Test
  void aFileThatCannotBeWrittenLeavesEveryOtherFileAsItWas() throws Exception {
    RenderedTree.empty().with("a/one.conf", "old\n").writeTo(tmp);
    Files.createDirectories(tmp.resolve("z/two.conf"));
    RenderedTree next = RenderedTree.empty().with("a/one.conf", "new\n").with("z/two.conf", "2\n");

    java.io.IOException e = assertThrows(java.io.IOException.class, () -> next.writeTo(tmp));
    assertTrue(e.getMessage().contains(tmp.resolve("z/two.conf").toString()), e.getMessage());
    assertFalse(e.getMessage().contains(".tmp-"), e.getMessage());
    assertEquals("old\n", Files.readString(tmp.resolve("a/one.conf")));
    try (var left = Files.list(tmp.resolve("a"))) {
      assertEquals(List.of(tmp.resolve("a/one.conf")), left.toList(), "no temp file left");
    }
  }
}
