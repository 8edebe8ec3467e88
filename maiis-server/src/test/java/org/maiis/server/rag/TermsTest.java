package org.maiis.server.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermsTest {
  @Test
  void foldsCaseStopWordsPluralsAndTenses() {
    assertEquals(List.of("fee", "charg", "monthly"), Terms.of("The FEES are charged monthly"));
    assertEquals(Terms.of("fee charge month"), Terms.of("fees charging months"));
    assertEquals(List.of("card", "block"), Terms.of("cards blocked"));
  }

  @Test
  void lettersAfterAnApostropheAreNotATerm() {
    // A lone "s" from "what's" matched every possessive ("the bank's") in the corpus.
    assertEquals(List.of("weather", "pari"), Terms.of("What's the weather in Paris?"));
    assertEquals(List.of("bank", "fee"), Terms.of("the bank\u2019s fees"));
  }
}
