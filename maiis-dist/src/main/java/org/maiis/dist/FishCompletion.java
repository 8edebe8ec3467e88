package org.maiis.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A fish completion script generated from the picocli command model (picocli itself only writes
 * bash and zsh scripts). Every subcommand, option and enumerated value comes from the same model
 * that parses the command line, so the script cannot drift from the commands.
 */
public final class FishCompletion {
  private FishCompletion() {}

  /** The fish script for {@code root} and every subcommand below it. */
  public static String script(CommandSpec root) {
    String name = root.name();
    String fn = "__" + name.replaceAll("[^A-Za-z0-9]", "_");
    List<CommandSpec> all = new ArrayList<>();
    collect(root, all);
    StringBuilder s = new StringBuilder();
    s.append("# fish completion for ").append(name).append(", generated from its picocli model.\n");
    s.append("# Install: copy to ~/.config/fish/completions/")
        .append(name)
        .append(".fish (the .deb puts it in\n")
        .append("# /usr/share/fish/vendor_completions.d/).\n\n");
    // The command path being typed: the words on the line that name known subcommands, in order.
    s.append("set -g ").append(fn).append("_commands");
    for (CommandSpec c : all) {
      s.append(' ').append(quote(path(c)));
    }
    s.append("\n\n");
    s.append("function ").append(fn).append("_path\n");
    s.append("    set -l path ").append(quote(name)).append('\n');
    s.append("    for word in (commandline -opc)[2..-1]\n");
    s.append("        if contains -- \"$path $word\" $").append(fn).append("_commands\n");
    s.append("            set path \"$path $word\"\n");
    s.append("        end\n");
    s.append("    end\n");
    s.append("    echo $path\n");
    s.append("end\n\n");
    s.append("function ").append(fn).append("_at\n");
    s.append("    test (").append(fn).append("_path) = \"$argv[1]\"\n");
    s.append("end\n\n");
    s.append("complete -c ").append(name).append(" -f\n");
    for (CommandSpec c : all) {
      String at = "'" + fn + "_at \"" + path(c) + "\"'";
      s.append("\n# ").append(path(c)).append('\n');
      for (CommandLine sub : c.subcommands().values()) {
        CommandSpec sc = sub.getCommandSpec();
        if (!sc.name().equals(sub.getCommandName()) || sc.usageMessage().hidden()) {
          continue; // aliases and hidden commands
        }
        s.append("complete -c ")
            .append(name)
            .append(" -n ")
            .append(at)
            .append(" -a ")
            .append(quote(sc.name()))
            .append(" -d ")
            .append(quote(firstLine(sc.usageMessage().description())))
            .append('\n');
      }
      for (OptionSpec o : c.options()) {
        if (o.hidden()) {
          continue;
        }
        s.append("complete -c ").append(name).append(" -n ").append(at);
        for (String n : o.names()) {
          if (n.startsWith("--")) {
            s.append(" -l ").append(n.substring(2));
          } else if (n.startsWith("-") && n.length() == 2) {
            s.append(" -s ").append(n.substring(1));
          } else {
            s.append(" -o ").append(n.substring(1));
          }
        }
        s.append(values(o));
        s.append(" -d ").append(quote(firstLine(o.description()))).append('\n');
      }
      for (PositionalParamSpec p : c.positionalParameters()) {
        if (p.hidden()) {
          continue;
        }
        List<String> candidates = candidates(p);
        if (!candidates.isEmpty()) {
          s.append("complete -c ")
              .append(name)
              .append(" -n ")
              .append(at)
              .append(" -a ")
              .append(quote(String.join(" ", candidates)))
              .append(" -d ")
              .append(quote(firstLine(p.description())))
              .append('\n');
        } else if (takesPath(p)) {
          s.append("complete -c ").append(name).append(" -n ").append(at).append(" -F\n");
        }
      }
    }
    return s.toString();
  }

  private static void collect(CommandSpec c, List<CommandSpec> out) {
    out.add(c);
    for (CommandLine sub : c.subcommands().values()) {
      CommandSpec sc = sub.getCommandSpec();
      if (sc.name().equals(sub.getCommandName()) && !sc.usageMessage().hidden()) {
        collect(sc, out);
      }
    }
  }

  private static String path(CommandSpec c) {
    return c.qualifiedName(" ");
  }

  /** What follows an option: nothing (a flag), one of its values, a file, or free text. */
  private static String values(OptionSpec o) {
    if (o.arity().max() == 0) {
      return "";
    }
    List<String> candidates = candidates(o);
    if (!candidates.isEmpty()) {
      return " -x -a " + quote(String.join(" ", candidates));
    }
    return takesPath(o) ? " -r -F" : " -x";
  }

  private static List<String> candidates(ArgSpec a) {
    List<String> out = new ArrayList<>();
    if (a.completionCandidates() != null) {
      a.completionCandidates().forEach(out::add);
    }
    return out;
  }

  private static boolean takesPath(ArgSpec a) {
    Class<?> type = a.type();
    if (type == java.nio.file.Path.class || type == java.io.File.class) {
      return true;
    }
    String label = a.paramLabel().toUpperCase(Locale.ROOT);
    return label.contains("FILE") || label.contains("DIR") || label.contains("PATH");
  }

  private static String firstLine(String[] description) {
    if (description == null || description.length == 0) {
      return "";
    }
    String line = description[0].strip();
    int stop = line.indexOf(". ");
    return stop > 0 ? line.substring(0, stop + 1) : line;
  }

  private static String quote(String s) {
    return "'" + quoteInner(s) + "'";
  }

  /** Escapes for a fish single-quoted string. */
  private static String quoteInner(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }
}
