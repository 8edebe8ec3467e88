package org.maiis.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads nginx config syntax into directives: words and quoted strings, {@code ;}, blocks and {@code
 * #} comments. Enough to check structure without nginx installed; nginx -t stays the authority when
 * it is.
 */
final class NginxParser {
  private final String file;
  private final String text;
  private final List<ValidationProblem> problems;
  private int pos;
  private int line = 1;

  private NginxParser(String file, String text, List<ValidationProblem> problems) {
    this.file = file;
    this.text = text;
    this.problems = problems;
  }

  /** The top-level directives of {@code text}; syntax errors are added to {@code problems}. */
  static List<NginxDirective> parse(String file, String text, List<ValidationProblem> problems) {
    NginxParser p = new NginxParser(file, text, problems);
    List<NginxDirective> top = p.block(false);
    return top;
  }

  private List<NginxDirective> block(boolean nested) {
    List<NginxDirective> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    int start = line;
    while (true) {
      skipSpaceAndComments();
      if (pos >= text.length()) {
        if (nested) {
          problems.add(new ValidationProblem(file, line, "unexpected end of file, expecting '}'"));
        }
        if (!words.isEmpty()) {
          problems.add(
              new ValidationProblem(file, start, "directive '" + words.get(0) + "' has no ';'"));
        }
        return out;
      }
      char c = text.charAt(pos);
      if (c == ';' || c == '{') {
        pos++;
        if (words.isEmpty()) {
          problems.add(new ValidationProblem(file, line, "unexpected '" + c + "'"));
          continue;
        }
        List<NginxDirective> children = c == '{' ? block(true) : null;
        out.add(
            new NginxDirective(
                file, start, words.get(0), List.copyOf(words.subList(1, words.size())), children));
        words.clear();
      } else if (c == '}') {
        pos++;
        if (!words.isEmpty()) {
          problems.add(
              new ValidationProblem(file, start, "directive '" + words.get(0) + "' has no ';'"));
        }
        if (!nested) {
          problems.add(new ValidationProblem(file, line, "unexpected '}'"));
          continue;
        }
        return out;
      } else {
        if (words.isEmpty()) {
          start = line;
        }
        words.add(word());
      }
    }
  }

  private void skipSpaceAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private String word() {
    char c = text.charAt(pos);
    StringBuilder w = new StringBuilder();
    if (c == '"' || c == '\'') {
      int startLine = line;
      pos++;
      while (pos < text.length() && text.charAt(pos) != c) {
        char ch = text.charAt(pos);
        if (ch == '\\' && pos + 1 < text.length()) {
          pos++;
          ch = text.charAt(pos);
        }
        if (ch == '\n') {
          line++;
        }
        w.append(ch);
        pos++;
      }
      if (pos >= text.length()) {
        problems.add(new ValidationProblem(file, startLine, "unterminated quoted string"));
      } else {
        pos++;
      }
      return w.toString();
    }
    while (pos < text.length()) {
      char ch = text.charAt(pos);
      if (Character.isWhitespace(ch) || ch == ';' || ch == '{' || ch == '}') {
        break;
      }
      if (ch == '\\' && pos + 1 < text.length()) {
        pos++;
        ch = text.charAt(pos);
      }
      w.append(ch);
      pos++;
    }
    return w.toString();
  }
}
