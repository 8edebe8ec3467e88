package org.maiis.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
