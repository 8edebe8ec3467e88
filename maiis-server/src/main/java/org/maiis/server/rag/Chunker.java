package org.maiis.server.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text into chunks of at most {@code maxChars} that end at sentence boundaries, start a new
 * chunk at each heading, and repeat up to {@code overlapChars} of the previous chunk's last
 * sentences so a fact cut at a boundary is still found whole. Terminates on any input: every step
 * consumes at least one unit, and units never exceed {@code maxChars}.
 */
public final class Chunker {
  private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])\\s+");
  private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[.!?;:]$");
  private static final Pattern MARKDOWN_HEADING = Pattern.compile("^#{1,6}\\s+\\S.*$");

  private record Unit(String text, boolean heading) {}

  private final int maxChars;
  private final int overlapChars;

  /**
   * A chunker.
   *
   * @param maxChars largest chunk, at least 20
   * @param overlapChars how much of the previous chunk to repeat, less than half of maxChars
   */
  public Chunker(int maxChars, int overlapChars) {
    if (maxChars < 20 || overlapChars < 0 || overlapChars * 2 >= maxChars) {
      throw new IllegalArgumentException("need maxChars >= 20 and 0 <= overlap < maxChars / 2");
    }
    this.maxChars = maxChars;
    this.overlapChars = overlapChars;
  }

  /** The chunks of {@code text}, in order; none for blank text. A heading ends its own line. */
  public List<String> chunk(String text) {
    List<Unit> units = units(text);
    List<String> chunks = new ArrayList<>();
    List<Unit> current = new ArrayList<>();
    int length = 0;
    boolean hasNew = false;
    for (Unit u : units) {
      int added = (current.isEmpty() ? 0 : 1) + u.text().length();
      if (hasNew && (u.heading() || length + added > maxChars)) {
        chunks.add(join(current));
        current = u.heading() ? new ArrayList<>() : overlap(current, u.text().length());
        length = joinedLength(current);
        hasNew = false;
        added = (current.isEmpty() ? 0 : 1) + u.text().length();
      }
      if (length + added > maxChars) {
        // Only overlap is pending (a heading boundary never leaves any): drop it.
        current.clear();
        length = 0;
        added = u.text().length();
      }
      current.add(u);
      length += added;
      hasNew = true;
    }
    if (hasNew) {
      chunks.add(join(current));
    }
    return chunks;
  }

  // One separator character between units: a newline after a heading or after a paragraph that
  // ends without punctuation (a DOCX or text heading such as "Mortgages", an OCR line), so an
  // answer quoting the next sentence does not glue the two together; a space otherwise.
  private static String join(List<Unit> units) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < units.size(); i++) {
      if (i > 0) {
        Unit previous = units.get(i - 1);
        sb.append(
            previous.heading() || !SENTENCE_PUNCTUATION.matcher(previous.text()).find()
                ? '\n'
                : ' ');
      }
      sb.append(units.get(i).text());
    }
    return sb.toString();
  }

  // The trailing units of a finished chunk that fit in the overlap and leave room for the next.
  private List<Unit> overlap(List<Unit> previous, int nextLength) {
    List<Unit> tail = new ArrayList<>();
    int length = 0;
    for (int i = previous.size() - 1; i >= 0; i--) {
      int l = previous.get(i).text().length() + (tail.isEmpty() ? 0 : 1);
      if (length + l > overlapChars || length + l + 1 + nextLength > maxChars) {
        break;
      }
      tail.add(0, previous.get(i));
      length += l;
    }
    return tail;
  }

  private static int joinedLength(List<Unit> parts) {
    int n = Math.max(0, parts.size() - 1);
    for (Unit p : parts) {
      n += p.text().length();
    }
    return n;
  }

  private List<Unit> units(String text) {
    List<Unit> units = new ArrayList<>();
    for (String paragraph : PARAGRAPH.split(text.replace("\r\n", "\n").replace('\r', '\n'))) {
      StringBuilder body = new StringBuilder();
      for (String line : paragraph.split("\n")) {
        String l = line.strip();
        if (l.isEmpty()) {
          continue;
        }
        if (isHeading(l)) {
          sentences(body.toString(), units);
          body.setLength(0);
          for (String piece : pieces(l.replaceFirst("^#+\\s+", ""))) {
            units.add(new Unit(piece, true));
          }
        } else {
          body.append(body.length() == 0 ? "" : " ").append(l);
        }
      }
      sentences(body.toString(), units);
    }
    return units;
  }

  // A Markdown heading, or a short line whose letters are all capitals ("FEES AND CHARGES").
  private static boolean isHeading(String line) {
    if (MARKDOWN_HEADING.matcher(line).matches()) {
      return true;
    }
    return line.length() <= 80
        && line.chars().anyMatch(Character::isLetter)
        && line.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)
        && !line.endsWith(".");
  }

  private void sentences(String paragraph, List<Unit> into) {
    for (String s : SENTENCE_END.split(paragraph)) {
      String sentence = s.strip().replaceAll("\\s+", " ");
      if (!sentence.isEmpty()) {
        for (String piece : pieces(sentence)) {
          into.add(new Unit(piece, false));
        }
      }
    }
  }

  // A sentence longer than a chunk is cut at the last space before the limit, or at the limit.
  private List<String> pieces(String s) {
    List<String> out = new ArrayList<>();
    String rest = s;
    while (rest.length() > maxChars) {
      int cut = rest.lastIndexOf(' ', maxChars);
      if (cut <= 0) {
        cut = maxChars;
        if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
          cut--;
        }
      }
      out.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }
}
