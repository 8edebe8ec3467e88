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
    assertEquals("", ExtractiveAnswer.of("mortgage", List.of()));
  }

  @Test
  void aPassageFoundByMeaningAloneIsQuotedFromItsOpening() {
    // "account goes negative" shares no word with the overdraft passage that vector search found;
    // the answer quotes it instead of being empty while citing it.
    List<Passage> passages =
        List.of(
            new Passage(
                "d1",
                "policy.md",
                1,
                "Overdraft\nAn arranged overdraft is charged at 9.9 percent a year."
                    + " Unarranged overdrafts are refused. Call us to arrange one.",
                0.5));
    assertEquals(
        "An arranged overdraft is charged at 9.9 percent a year. [1]"
            + " Unarranged overdrafts are refused. [1]",
        ExtractiveAnswer.of("What interest do I pay when my account goes negative?", passages));
    assertEquals(
        "Savings interest paid quarterly [1]",
        ExtractiveAnswer.of(
            "mortgage",
            List.of(new Passage("d1", "scan.png", 0, "Savings interest paid quarterly", 1))));
  }

  @Test
  void aFailingEmbedderFallsBackToSharedWords() {
    KbFixture.HashingEmbedder down = new KbFixture.HashingEmbedder();
    down.down = true;
    List<Passage> passages =
        List.of(
            new Passage("d1", "fees.md", 1, "Fees\nInternational transfers cost 5 euros.", 2.0));
    assertEquals(
        ExtractiveAnswer.of("What do international transfers cost?", passages),
        ExtractiveAnswer.of("What do international transfers cost?", passages, down));
    assertEquals(
        "International transfers cost 5 euros. [1]",
        ExtractiveAnswer.of("What do international transfers cost?", passages, down));
  }
}
