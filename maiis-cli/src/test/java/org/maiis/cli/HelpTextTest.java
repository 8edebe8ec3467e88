package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help of the operator's verbs reads as written: picocli prints each description line on its
 * own and wraps a longer one mid-sentence, and the first line is all a parent's command list shows;
 * option descriptions are one paragraph each, wrapped by picocli to their column.
 */
class HelpTextTest {
  private static final int WIDTH = 80;

  @Test
  void descriptionLinesFitTheHelpWidthAndTheFirstIsASentence() {
    CommandLine root =
        Maiis.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<String> bad = new ArrayList<>();
    for (String verb :
        List.of("config", "metrics", "completion", "dev", "kb", "serve", "user", "ssl")) {
      check(root.getSubcommands().get(verb), bad);
    }
    assertEquals(List.of(), bad);
  }

  private static void check(CommandLine cmd, List<String> bad) {
    String name = cmd.getCommandSpec().qualifiedName();
    String[] lines = cmd.getCommandSpec().usageMessage().description();
    for (String line : lines) {
      if (line.length() >= WIDTH) {
        bad.add(name + ": " + line.length() + " characters: " + line);
      }
    }
    if (lines.length > 0 && !lines[0].strip().endsWith(".")) {
      bad.add(name + ": first line is not a sentence: " + lines[0]);
    }
    // An option's description sits in a narrow column that picocli wraps, and each element of it
    // starts a new line: lines broken by hand there come out ragged ("inside its / its / prefix").
    for (CommandLine.Model.ArgSpec arg : cmd.getCommandSpec().args()) {
      if (arg.description().length > 1) {
        bad.add(name + " " + arg.paramLabel() + ": description broken into lines by hand");
      }
    }
    cmd.getSubcommands().values().forEach(sub -> check(sub, bad));
  }
}
