package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Every leaf command's help ends with an Examples section, and each example that runs maiis is a
 * command line maiis accepts (parsed, not run), so the examples cannot drift from the options.
 */
class HelpExamplesTest {
  private static final int WIDTH = 80;

  /**
   * The ssl commands live on another branch this one does not edit; their examples come with it.
   */
  @Test
  void everyLeafHasExamplesThatParse() {
    List<String> bad = new ArrayList<>();
    check(root(), bad);
    assertEquals(List.of(), bad);
  }

  private static CommandLine root() {
    return Maiis.commandLine(
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  private static void check(CommandLine cmd, List<String> bad) {
    String name = cmd.getCommandSpec().qualifiedName();
    if (!cmd.getSubcommands().isEmpty()) {
      cmd.getSubcommands().values().forEach(sub -> check(sub, bad));
      return;
    }
    List<String> footer = Arrays.asList(cmd.getCommandSpec().usageMessage().footer());
    int at = footer.indexOf("Examples:");
    if (at < 0 || at + 1 >= footer.size()) {
      bad.add(name + ": no Examples section");
      return;
    }
    for (String line : footer) {
      if (line.length() >= WIDTH) {
        bad.add(name + ": example wider than the help: " + line);
      }
    }
    for (String example : commands(footer.subList(at + 1, footer.size()))) {
      List<String> args = new ArrayList<>(Arrays.asList(example.split("\\s+")));
      int end = args.indexOf(">");
      if (end >= 0) {
        args = args.subList(0, end);
      }
      try {
        root().parseArgs(args.subList(1, args.size()).toArray(String[]::new));
      } catch (ParameterException e) {
        bad.add(name + ": '" + example + "': " + e.getMessage());
      }
    }
  }

  /** The example lines that run maiis, continuation lines ("\") joined. */
  private static List<String> commands(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder current = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (current == null && !line.startsWith("maiis ")) {
        continue;
      }
      if (current == null) {
        current = new StringBuilder();
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
      if (!continues) {
        out.add(current.toString().strip());
        current = null;
      }
    }
    return out;
  }
}
