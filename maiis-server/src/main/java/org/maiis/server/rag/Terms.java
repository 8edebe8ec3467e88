package org.maiis.server.rag;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns text into the terms BM25 scores: lower-cased letter/digit runs, English stop words dropped,
 * plural and verb endings folded ("fees"/"fee", "charged"/"charge") so a paraphrase meets the
 * document's words.
 */
public final class Terms {
  private static final Set<String> STOP =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did",
          "do", "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is",
          "it", "its", "me", "my", "of", "on", "or", "our", "so", "than", "that", "the", "their",
          "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what",
          "when", "where", "which", "who", "why", "will", "with", "would", "you", "your");

  private Terms() {}

  /** The terms of {@code text}, in order, with repeats. */
  public static List<String> of(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < s.length()) {
        int c = s.codePointAt(i);
        if (!Character.isLetterOrDigit(c)) {
          break;
        }
        i += Character.charCount(c);
      }
      String word = s.substring(start, i);
      // "what's", "don't", "bank's": the letters after an apostrophe are a clitic, not a term
      // (a lone "s" would match every possessive in the corpus).
      if (i + 1 < s.length()
          && (s.charAt(i) == '\'' || s.charAt(i) == '\u2019')
          && Character.isLetter(s.codePointAt(i + 1))) {
        i++;
        while (i < s.length() && Character.isLetter(s.codePointAt(i))) {
          i += Character.charCount(s.codePointAt(i));
        }
      }
      if (!STOP.contains(word)) {
        out.add(stem(word));
      }
    }
    return out;
  }

  // A few English suffixes, enough to meet plurals and tenses; never below three letters.
  static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 5 && w.endsWith("ing")) {
      return trimE(w.substring(0, w.length() - 3));
    }
    if (w.length() > 4 && w.endsWith("ed")) {
      return trimE(w.substring(0, w.length() - 2));
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
      return trimE(w.substring(0, w.length() - 1));
    }
    return trimE(w);
  }

  // "charge", "charg(ed)", "charg(ing)" all become "charg".
  private static String trimE(String w) {
    return w.length() > 3 && w.endsWith("e") ? w.substring(0, w.length() - 1) : w;
  }
}
