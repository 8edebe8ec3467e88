package org.maiis.server.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.rag.embed.LocalEmbedder;

/**
 * Customers' own wording with the real in-process model and no language model (extractive answers):
 * a paraphrase gets the passage that answers it and a quoted sentence from that passage, and a
 * question about nothing in the knowledge base gets no answer rather than an unrelated quote.
 */
class ParaphraseAnswerTest {
  private static final Pattern QUOTE = Pattern.compile("(.+?) \\[(\\d+)]");

  @TempDir static Path dir;
  private static KbFixture fixture;
  private static ChatService chat;
  private static String customer;
  private static final Map<String, String> NAME_OF = new HashMap<>();

  @BeforeAll
  static void knowledgeBase() {
    fixture = new KbFixture(dir);
    KnowledgeBase kb = fixture.exactKnowledgeBase(new LocalEmbedder(), dir.resolve("v"));
    String admin = fixture.user();
    customer = fixture.user();
    Map<String, String> docs =
        Map.of(
            "fees",
            // Shares only "account" with "Can I go below zero on my account?", as does the
            // account-opening sentence, which the model rates nearly as close.
            "# Fees\nThe checking account costs 4 euros per month. An arranged overdraft lets you"
                + " spend more than you have: your balance becomes negative, at 9.9 percent a"
                + " year. Paper"
                + " statements cost 2 euros each at the bank's counters.",
            "disputes",
            "# Disputes\nIf you do not recognise a payment from your account, report it and we"
                + " refund it while we investigate. Disputes must be raised within 120 days.",
            "savings",
            "# Savings\nThe savings account pays 2.1 percent interest a year on your money."
                + " Interest is paid into the account every month.",
            "accounts",
            "# Opening an account\nYou can open an account online in ten minutes. You need a"
                + " passport and a proof of address.");
    NAME_OF.putAll(fixture.ingestShared(kb, admin, docs).nameOf());
    chat =
        new ChatService(
            kb,
            Optional.empty(),
            new ChatHistory(fixture.tx, new ObjectMapper(), Clock.systemUTC()),
            RagMetrics.NONE);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void aNegativeBalanceQuestionInOtherWordsQuotesTheOverdraftSentence() {
    assertFirstQuoteFrom("Can I go below zero on my account?", "fees", "overdraft");
  }

  @Test
  void moneyTakenWithoutPermissionQuotesTheDisputeSentenceNotSavings() {
    String question = "Someone took money from my account without permission";
    ChatService.Answer a = assertFirstQuoteFrom(question, "disputes", "recognise");
    Matcher m = QUOTE.matcher(a.response());
    while (m.find()) {
      ChatService.Source cited = a.sources().get(Integer.parseInt(m.group(2)) - 1);
      assertEquals("disputes", NAME_OF.get(cited.documentId()), a.response());
    }
  }

  @Test
  void aQuestionAboutNothingInTheKnowledgeBaseIsToldSoWithNoSources() {
    for (String q :
        new String[] {"What's the weather in Paris?", "Who won the football last night?"}) {
      ChatService.Answer a = chat.answer(customer, q);
      assertEquals("extractive", a.mode());
      assertEquals(ChatService.NOTHING_FOUND, a.response(), q);
      assertTrue(a.sources().isEmpty(), q + ": " + a.sources());
    }
  }

  private static ChatService.Answer assertFirstQuoteFrom(
      String question, String document, String word) {
    ChatService.Answer a = chat.answer(customer, question);
    assertFalse(a.sources().isEmpty(), question);
    assertTrue(
        a.sources().stream().anyMatch(s -> document.equals(NAME_OF.get(s.documentId()))),
        question + " retrieved " + a.sources());
    Matcher m = QUOTE.matcher(a.response());
    assertTrue(m.find(), a.response());
    ChatService.Source cited = a.sources().get(Integer.parseInt(m.group(2)) - 1);
    assertEquals(document, NAME_OF.get(cited.documentId()), a.response());
    assertTrue(cited.text().contains(m.group(1).strip()), a.response());
    assertTrue(m.group(1).contains(word), question + " quoted " + a.response());
    return a;
  }
}
