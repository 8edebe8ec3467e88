package org.maiis.server.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private final Chunker chunker = new Chunker(100, 20);

  @Test
  void blankTextHasNoChunks() {
    assertEquals(List.of(), chunker.chunk(""));
    assertEquals(List.of(), chunker.chunk(" \n\n\t \r\n"));
  }

  @Test
  void chunksEndAtSentencesAndRepeatTheLastSentenceAsOverlap() {
    String text =
        "Cards are blocked at once. Call us to unblock them. Transfers above the daily limit"
            + " wait for approval. Fees are charged monthly. Savings earn interest.";
    List<String> chunks = new Chunker(100, 40).chunk(text);
    assertTrue(chunks.size() >= 2, chunks.toString());
    for (String c : chunks) {
      assertTrue(c.endsWith("."), "chunk does not end at a sentence: " + c);
    }
    String firstLast = lastSentence(chunks.get(0));
    assertTrue(chunks.get(1).startsWith(firstLast), "no overlap: " + chunks);
  }

  @Test
  void aParagraphWithoutPunctuationStaysOnItsOwnLine() {
    // DOCX headings are plain paragraphs ("Mortgages"): glued to the next sentence, the extractive
    // answer quoted "Mortgages A mortgage application needs ...".
    String chunk =
        chunker
            .chunk("Mortgages\n\nA mortgage application needs payslips. It takes ten days.")
            .get(0);
    assertEquals("Mortgages\nA mortgage application needs payslips. It takes ten days.", chunk);
    assertEquals(
        "A mortgage application needs payslips. [1]",
        ExtractiveAnswer.of(
            "what does a mortgage application need",
            List.of(new Passage("d", "guide.docx", 0, chunk, 1))));
  }

  @Test
  void aHeadingStartsANewChunkWithoutOverlap() {
    List<String> chunks = chunker.chunk("# Fees\nA fee is due.\n\n# Cards\nCards expire.");
    assertEquals(List.of("Fees\nA fee is due.", "Cards\nCards expire."), chunks);
  }

  @Test
  void randomInputAlwaysTerminatesWithinLimitsAndKeepsEveryWord() {
    Random random = new Random(20261125);
    String[] pieces = {" ", "  ", ".", ". ", "!\n", "\n\n", "\n# H ", "\r\n", "TITLE\n", "é", "🏦"};
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextInt(40);
            for (int i = 0; i < parts; i++) {
              int kind = random.nextInt(10);
              if (kind < 6) {
                sb.append(
                    word(random, kind == 0 ? 1 + random.nextInt(400) : 1 + random.nextInt(12)));
              } else {
                sb.append(pieces[random.nextInt(pieces.length)]);
              }
            }
            String text = sb.toString();
            int max = 20 + random.nextInt(200);
            Chunker c = new Chunker(max, random.nextInt(max / 2));
            List<String> chunks = c.chunk(text);
            String all = String.join(" ", chunks);
            for (String chunk : chunks) {
              assertFalse(chunk.isBlank(), "blank chunk for " + text);
              assertTrue(chunk.length() <= max, "chunk over " + max + ": " + chunk);
            }
            for (String w : text.split("\\s+")) {
              if (!w.isEmpty() && !w.matches("#+") && w.length() <= max) {
                assertTrue(all.contains(w), "lost word " + w + " of " + text.replace("\n", "\\n"));
              }
            }
            // Each chunk adds new text, so there cannot be more chunks than characters.
            assertTrue(chunks.size() <= Math.max(1, text.length()));
          }
        });
  }

  @Test
  void aHugeWordWithoutSpacesIsCutToTheLimit() {
    String word = "x".repeat(1050);
    List<String> chunks = chunker.chunk(word);
    assertEquals(11, chunks.size());
    assertEquals(word, String.join("", chunks));
  }

  private static String word(Random r, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private static String lastSentence(String chunk) {
    String[] s = chunk.split("(?<=\\.)\\s+");
    return s[s.length - 1];
  }
}
