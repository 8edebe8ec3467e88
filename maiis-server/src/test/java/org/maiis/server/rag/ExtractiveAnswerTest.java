package org.maiis.server.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswerTest {
  @Test
  void quotesTheMatchingSentencesWithTheirSourceNotTheHeading() {
    List<Passage> passages =
        List.of(
            new Passage("d1", "fees.md", 1, "Fees\nInternational transfers cost 5 euros.", 2.0),
            new Passage(
                "d2", "cards.md", 0, "Cards\nA lost card is blocked. Fees are waived.", 1.0));
    assertEquals(
        "International transfers cost 5 euros. [1] Fees are waived. [2]",
        ExtractiveAnswer.of("What fees apply to international transfers?", passages));
  }

  @Test
  void fragmentsAreQuotedWhenNoWholeSentenceMatches() {
    List<Passage> passages =
        List.of(new Passage("d1", "scan.png", 0, "Savings interest is paid quarterly", 1.0));
    assertEquals(
        "Savings interest is paid quarterly [1]",
        ExtractiveAnswer.of("when is savings interest paid", passages));
    assertEquals("", ExtractiveAnswer.of("mortgage", passages));
  }
}
