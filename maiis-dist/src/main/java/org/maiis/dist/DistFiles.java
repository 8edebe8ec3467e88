package org.maiis.dist;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.maiis.cli.Maiis;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the generated parts of the distribution from the real command model: one AsciiDoc man page
 * per command (picocli's ManPageGenerator; asciidoctor turns them into roff), the bash, zsh and
 * fish completion scripts, and the default /etc/maiis/maiis.yaml. Run by the build (exec:java), so
 * none of them can go stale.
 *
 * <p>Usage: {@code DistFiles OUT_DIR}; writes OUT_DIR/man-adoc, OUT_DIR/completions, OUT_DIR/etc.
 */
public final class DistFiles {
  private DistFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: DistFiles OUT_DIR");
    }
    Path out = Path.of(args[0]);
    Path man = Files.createDirectories(out.resolve("man-adoc"));
    CommandSpec root = Maiis.commandLine(sink(), sink()).getCommandSpec();
    footerHeadings(root);
    int rc = ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], true, root);
    if (rc != 0) {
      throw new IllegalStateException("man page generation failed with exit code " + rc);
    }

    Path completions = Files.createDirectories(out.resolve("completions"));
    write(completions.resolve("maiis.bash"), run("completion", "bash"));
    write(completions.resolve("_maiis"), zsh(run("completion", "zsh")));
    // The command's own fish script once it has one; until then the one generated here.
    String fish = tryRun("completion", "fish");
    write(
        completions.resolve("maiis.fish"),
        fish != null
            ? fish
            : FishCompletion.script(Maiis.commandLine(sink(), sink()).getCommandSpec()));

    Path etc = Files.createDirectories(out.resolve("etc"));
    Path config = etc.resolve("maiis.yaml");
    Files.deleteIfExists(config);
    run("config", "init", "--out", config.toString());
  }

  /**
   * ManPageGenerator leaves out a footer that has no heading, and the root command's footer is
   * where the exit codes are; such footers get the heading NOTES in the man pages.
   */
  static void footerHeadings(CommandSpec spec) {
    if (spec.usageMessage().footer().length > 0 && spec.usageMessage().footerHeading().isEmpty()) {
      spec.usageMessage().footerHeading("Notes");
    }
    spec.subcommands().values().forEach(sub -> footerHeadings(sub.getCommandSpec()));
  }

  /**
   * zsh reads the {@code #compdef} line of a file in $fpath; a {@code #!} line further down is only
   * noise (and misleads file(1) and editors), so it is dropped.
   */
  static String zsh(String script) {
    return script
        .lines()
        .filter(line -> !line.startsWith("#!"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String run(String... args) {
    String out = tryRun(args);
    if (out == null) {
      throw new IllegalStateException("maiis " + String.join(" ", args) + " failed");
    }
    return out;
  }

  /** The stdout of {@code maiis args}, or null when it exits non-zero. */
  private static String tryRun(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Maiis.run(new PrintWriter(out), new PrintWriter(err), args);
    return rc == 0 ? out.toString() : null;
  }

  private static PrintWriter sink() {
    return new PrintWriter(new StringWriter());
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
