package org.maiis.cli.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How every command's help looks: the terminal's width when there is one, {@code -V} on the root
 * only, and paths and file names in option descriptions never wrapped mid-word.
 *
 * <p>picocli wraps descriptions with the JDK's line BreakIterator, which breaks after a '.', '/' or
 * '-' followed by a letter ({@code ./maiis.} / {@code yaml}). While the option list is laid out,
 * those characters inside a path are stand-ins from the private use area (letters to the
 * BreakIterator, one column wide each), and the rendered section gets the real ones back.
 */
public final class HelpStyle {
  private static final char[] REAL = {'.', '/', '-'};
  private static final char[] STAND_IN = {'\uE000', '\uE001', '\uE002'};
  private static final Pattern TOKEN = Pattern.compile("\\S+");
  private static final Pattern PATH_LIKE = Pattern.compile(".*(/|\\w\\.\\w).*");

  private HelpStyle() {}

  /** Applies the style to {@code root} and every subcommand under it. */
  public static void apply(CommandLine root) {
    root.setUsageHelpAutoWidth(true);
    style(root, true);
  }

  private static void style(CommandLine cmd, boolean isRoot) {
    CommandSpec spec = cmd.getCommandSpec();
    if (!isRoot) {
      // The version is the program's; a subcommand listing -V suggests one of its own.
      OptionSpec version = spec.findOption("--version");
      if (version != null) {
        spec.remove(version);
      }
    }
    cmd.setHelpFactory(KeepPathsWhole::new);
    Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>();
    cmd.getHelpSectionMap()
        .forEach((key, renderer) -> sections.put(key, help -> restore(renderer.render(help))));
    cmd.setHelpSectionMap(sections);
    cmd.getSubcommands().values().forEach(sub -> style(sub, false));
  }

  /** {@code text} with the '.', '/' and '-' inside path-like words replaced by stand-ins. */
  static String protect(String text) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String token = m.group();
      int start = 0;
      int end = token.length();
      while (start < end && "(\"'`".indexOf(token.charAt(start)) >= 0) {
        start++;
      }
      while (end > start && ".,;:)\"'`".indexOf(token.charAt(end - 1)) >= 0) {
        end--;
      }
      String core = token.substring(start, end);
      if (PATH_LIKE.matcher(core).matches()) {
        for (int i = 0; i < REAL.length; i++) {
          core = core.replace(REAL[i], STAND_IN[i]);
        }
      }
      m.appendReplacement(
          out, Matcher.quoteReplacement(token.substring(0, start) + core + token.substring(end)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code text} with the real characters back in place of the stand-ins. */
  static String restore(String text) {
    String s = text;
    for (int i = 0; i < REAL.length; i++) {
      s = s.replace(STAND_IN[i], REAL[i]);
    }
    return s;
  }

  /** Help whose option descriptions keep paths whole when wrapped. */
  private static final class KeepPathsWhole extends Help {
    KeepPathsWhole(CommandSpec spec, Help.ColorScheme scheme) {
      super(spec, scheme);
    }

    @Override
    public Help.IOptionRenderer createDefaultOptionRenderer() {
      Help.IOptionRenderer plain = super.createDefaultOptionRenderer();
      return (option, labels, scheme) -> {
        Text[][] rows = plain.render(option, labels, scheme);
        for (Text[] row : rows) {
          int last = row.length - 1;
          if (last >= 0 && row[last] != null) {
            row[last] = scheme.text(protect(row[last].toString()));
          }
        }
        return rows;
      };
    }
  }
}
