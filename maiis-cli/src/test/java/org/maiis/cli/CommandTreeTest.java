package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maiis.cli.common.CommandTree;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A run builds the branch its arguments name; help, typos and completion get the whole tree. */
class CommandTreeTest {
  private static final Set<String> GROUPS =
      Set.of("config", "ssl", "metrics", "serve", "dev", "kb", "user", "completion");

  @Test
  void aRunBuildsOnlyTheBranchItNames() {
    CommandLine root =
        CommandTree.forArgs(
            new Maiis(), List.of("--verbose", "ssl", "renew", "--cert-dir", "certs", "--json"));
    assertEquals(Set.of("ssl"), root.getSubcommands().keySet());
    CommandLine ssl = root.getSubcommands().get("ssl");
    assertEquals(Set.of("renew"), ssl.getSubcommands().keySet());
  }

  @Test
  void theBranchHasTheSameOptionsAsInTheWholeTree() {
    CommandLine pruned =
        CommandTree.forArgs(new Maiis(), List.of("ssl", "renew"))
            .getSubcommands()
            .get("ssl")
            .getSubcommands()
            .get("renew");
    CommandLine whole =
        CommandTree.whole(new Maiis()).getSubcommands().get("ssl").getSubcommands().get("renew");
    assertEquals(names(whole), names(pruned));
    assertEquals(true, names(pruned).contains("--verbose"), "inherited from the root");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "--help", "sl renew", "completion bash", "--version ssl", "-hV", "-Vx"})
  void withoutASubcommandNamedOrForCompletionTheRootListsEveryCommand(String args) {
    List<String> words = args.isEmpty() ? List.of() : List.of(args.split(" "));
    CommandLine root = CommandTree.forArgs(new Maiis(), words);
    assertEquals(GROUPS, root.getSubcommands().keySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V", "--verbose -V", "-V --version"})
  void askedOnlyForTheVersionTheRootIsBuiltAlone(String args) {
    assertEquals(
        Set.of(),
        CommandTree.forArgs(new Maiis(), List.of(args.split(" "))).getSubcommands().keySet());
  }

  @Test
  void theVersionNamesTheBuild() {
    StringWriter out = new StringWriter();
    int code = Maiis.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version");
    assertEquals(0, code);
    assertTrue(out.toString().startsWith("maiis "), out.toString());
    assertTrue(out.toString().contains("Java "), out.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssl --help", "ssl --help renew", "ssl -h renew", "--verbose ssl"})
  void aGroupNamedAloneOrAskedForHelpListsAllOfItsCommands(String args) {
    CommandLine ssl =
        CommandTree.forArgs(new Maiis(), List.of(args.split(" "))).getSubcommands().get("ssl");
    assertEquals(
        CommandTree.whole(new Maiis()).getSubcommands().get("ssl").getSubcommands().keySet(),
        ssl.getSubcommands().keySet());
    assertEquals(10, ssl.getSubcommands().size());
  }

  private static Set<String> names(CommandLine cmd) {
    Set<String> out = new TreeSet<>();
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      out.addAll(List.of(o.names()));
    }
    return out;
  }
}
