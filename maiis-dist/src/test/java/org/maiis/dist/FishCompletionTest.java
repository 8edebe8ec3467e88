package org.maiis.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.Maiis;
import org.maiis.testing.ExternalTools;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The generated fish script, asked for completions by a real fish. */
class FishCompletionTest {
  @TempDir Path tmp;

  enum Shape {
    round,
    square
  }

  @Command(name = "demo", subcommands = DemoLeaf.class)
  static class Demo {
    @Option(names = "--top", description = "Only at the top.")
    boolean top;
  }

  @Command(name = "leaf", description = "A leaf command. More text here.")
  static class DemoLeaf {
    @Option(names = "--shape", description = "A shape's name.")
    Shape shape;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write.")
    Path out;

    @Option(
        names = {"-q", "--quiet"},
        description = "Say less.")
    boolean quiet;

    @Parameters(paramLabel = "KIND", description = "round or square")
    Shape kind;
  }

  @Test
  void completesSubcommandsOptionsAndValuesFromTheModel() throws Exception {
    Path script = write(FishCompletion.script(new CommandLine(new Demo()).getCommandSpec()));
    assertEquals(List.of("leaf\tA leaf command."), complete(script, "demo "));
    List<String> options = complete(script, "demo leaf --");
    assertTrue(options.contains("--shape\tA shape's name."), options.toString());
    assertTrue(options.contains("--quiet\tSay less."), options.toString());
    assertFalse(options.toString().contains("--top"), "options stay on their own command");
    assertEquals(List.of("round", "square"), names(complete(script, "demo leaf --shape ")));
    assertEquals(List.of("round", "square"), names(complete(script, "demo leaf -q ")));
    Files.createDirectories(tmp.resolve("outdir"));
    assertTrue(
        complete(script, "demo leaf --out out").contains("outdir/"), "--out DIR completes paths");
  }

  @Test
  void theMaiisScriptIsValidFishAndKnowsNestedCommands() throws Exception {
    CommandLine maiis = Maiis.commandLine(sink(), sink());
    Path script = write(FishCompletion.script(maiis.getCommandSpec()));
    Path fish = ExternalTools.SYSTEM.require("fish", "fish");
    assertEquals(0, new ProcessBuilder(fish.toString(), "-n", script.toString()).start().waitFor());
    assertEquals(
        List.of("reconfigure", "renew", "revoke"), names(complete(script, "maiis ssl re")));
    assertTrue(
        complete(script, "maiis ssl status --").stream()
            .anyMatch(l -> l.startsWith("--cert-dir\t")));
    assertFalse(complete(script, "maiis --").stream().anyMatch(l -> l.startsWith("--cert-dir\t")));
  }

  private Path write(String script) throws Exception {
    Path file = tmp.resolve("completion.fish");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    return file;
  }

  /** What fish offers after {@code line}, as "candidate\tdescription" lines. */
  private List<String> complete(Path script, String line) throws Exception {
    Path fish = ExternalTools.SYSTEM.require("fish", "fish");
    Path out = tmp.resolve("out.txt");
    Process p =
        new ProcessBuilder(
                fish.toString(),
                "--no-config",
                "-c",
                "source $argv[1]; complete -C $argv[2]",
                script.toString(),
                line)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "fish finished");
    String text = Files.readString(out);
    assertEquals(0, p.exitValue(), text);
    return text.lines().toList();
  }

  private static List<String> names(List<String> lines) {
    return lines.stream().map(l -> l.split("\t", 2)[0]).toList();
  }

  private static PrintWriter sink() {
    return new PrintWriter(new StringWriter());
  }
}
