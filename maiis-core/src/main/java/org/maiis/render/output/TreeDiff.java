package org.maiis.render.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What writing a {@link RenderedTree} into a directory would change, as a unified diff. */
public final class TreeDiff {
  private static final int CONTEXT_LINES = 3;

  private TreeDiff() {}

  /**
   * The unified diff from the files now in {@code dir} to {@code tree}: one section per file that
   * would change, {@code /dev/null} for files that would be created and for the {@link
   * RenderedTree#stalePaths stale} files writing would remove. Empty when nothing changes. Reads
   * only; writes nothing.
   */
  public static String unified(RenderedTree tree, Path dir) throws IOException {
    SortedMap<String, String> after = new TreeMap<>();
    for (String path : tree.paths()) {
      after.put(path, tree.text(path));
    }
    for (String path : tree.stalePaths(dir)) {
      after.put(path, null);
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : after.entrySet()) {
      String path = e.getKey();
      Path existing = dir.resolve(path);
      boolean exists = Files.isRegularFile(existing);
      boolean removed = e.getValue() == null;
      List<String> before =
          exists ? lines(Files.readString(existing, StandardCharsets.UTF_8)) : List.of();
      List<String> next = removed ? List.of() : lines(e.getValue());
      if (before.equals(next)) {
        continue;
      }
      Patch<String> patch = DiffUtils.diff(before, next);
      List<String> diff =
          UnifiedDiffUtils.generateUnifiedDiff(
              exists ? "a/" + path : "/dev/null",
              removed ? "/dev/null" : "b/" + path,
              before,
              patch,
              CONTEXT_LINES);
      for (String line : diff) {
        // java-diff-utils numbers an empty side "-1,0" / "+1,0"; diff and patch write "0,0".
        if (before.isEmpty() && line.startsWith("@@ -1,0 ")) {
          line = "@@ -0,0 " + line.substring("@@ -1,0 ".length());
        }
        if (next.isEmpty() && line.startsWith("@@ ") && line.endsWith(" +1,0 @@")) {
          line = line.substring(0, line.length() - " +1,0 @@".length()) + " +0,0 @@";
        }
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** The lines of {@code text}; a final newline ends the last line rather than starting one. */
  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return new ArrayList<>(Arrays.asList(body.split("\n", -1)));
  }
}
