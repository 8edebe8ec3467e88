package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maiis.cli.common.ExitCodes;
import picocli.CommandLine;

/** Help lists -V on the root only and never wraps a path mid-word. */
class HelpStyleTest {
  @Test
  void versionIsAnOptionOfTheRootOnly() {
    assertEquals(0, CliRun.of("-V").exitCode());
    CliRun sub = CliRun.of("dev", "up", "-V");
    assertEquals(ExitCodes.USAGE, sub.exitCode());
    assertFalse(CliRun.of("dev", "up", "--help").out().contains("--version"));
    assertFalse(CliRun.of("ssl", "issue", "--help").out().contains("--version"));
  }

  /**
   * At the narrowest width (80, no terminal) each path or file name in an option's description
   * shows whole: picocli once printed {@code ./.} and {@code maiis-dev} on two lines.
   */
  @Test
  void helpNeverWrapsAPathMidWord() {
    CommandLine root =
        Maiis.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<String> broken = new ArrayList<>();
    check(root, broken);
    assertEquals(List.of(), broken);
  }

  private static void check(CommandLine cmd, List<String> broken) {
    String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
    String joined = help.replaceAll("\\s+", " ");
    for (CommandLine.Model.OptionSpec o : cmd.getCommandSpec().options()) {
      String described =
          String.join(" ", o.description())
              .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValueString()));
      for (String word : described.split("\\s+")) {
        String w = word.replaceAll("^[(\"'`]+|[.,;:)\"'`]+$", "");
        if ((w.contains("/") || w.matches(".*\\w\\.\\w.*")) && !w.contains("$")) {
          if (!joined.contains(w)) {
            broken.add(cmd.getCommandSpec().qualifiedName() + " " + o.longestName() + ": " + w);
          }
        }
      }
    }
    cmd.getSubcommands().values().forEach(sub -> check(sub, broken));
  }
}
