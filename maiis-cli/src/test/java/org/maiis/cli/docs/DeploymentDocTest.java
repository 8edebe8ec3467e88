package org.maiis.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/DEPLOYMENT.md keeps its promise: every numbered step either has a block that CI runs (marked
 * runnable, executed by {@link RunnableDocsIT}) or says it is manual.
 */
class DeploymentDocTest {
  private static final Path DOC = Path.of("..", "docs", "DEPLOYMENT.md");

  @Test
  void everyStepRunsInCiOrSaysItIsManual() throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    List<String> unchecked = new ArrayList<>();
    int steps = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).matches("\\d+\\. .*")) {
        continue;
      }
      steps++;
      StringBuilder step = new StringBuilder();
      for (int j = i; j < lines.size(); j++) {
        String l = lines.get(j);
        if (j > i && (l.matches("\\d+\\. .*") || l.startsWith("#"))) {
          break;
        }
        step.append(l).append('\n');
      }
      if (!step.toString().contains("<!-- runnable -->") && !step.toString().contains("*Manual")) {
        unchecked.add(lines.get(i));
      }
    }
    assertEquals(17, steps, "the seed's checklist has 17 steps");
    assertEquals(List.of(), unchecked);
    assertTrue(RunnableDocsIT.blocks(DOC).size() >= 8, "most steps run in CI");
  }
}
