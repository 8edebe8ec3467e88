package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.testing.SmallFilesystem;

/**
 * The data directory on a small filesystem that fills up: writes are refused with 503 (never a 500,
 * never a 2xx that is not kept), readiness says not ready, and when space returns the server
 * recovers without a restart; every acknowledged deposit is there, also after a restart.
 */
class DiskFullIT {
  @TempDir Path dir;

  @Test
  void aFullDiskRefusesWritesAndRecoversWhenSpaceReturns() throws Exception {
    try (SmallFilesystem fs = SmallFilesystem.mount(dir.resolve("mnt"), "48m")) {
      Path mnt = fs.path();
      long acknowledged = 0;
      long attempted = 0;
      Session s;
      String account;
      try (Harness h = Harness.start(mnt, Backend.embedded(), "")) {
        s = h.api.newUser();
        account = h.api.account(s, "checking", "USD", "0");
        for (int i = 0; i < 10; i++) {
          attempted++;
          assertEquals(2, deposit(h, s, account).status() / 100);
          acknowledged++;
        }

        Path filler = fs.fill("filler");
        assertEquals(503, h.api.get("/health/ready", null).status(), "not ready on a full disk");
        for (int i = 0; i < 20; i++) {
          attempted++;
          Res r = deposit(h, s, account);
          assertTrue(Set.of(201, 200, 503, 507).contains(r.status()), r.status() + " " + r.body());
          if (r.status() / 100 == 2) {
            acknowledged++;
          }
        }

        Files.delete(filler);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Res r;
        do {
          attempted++;
          r = deposit(h, s, account);
          if (r.status() / 100 == 2) {
            acknowledged++;
          } else {
            Thread.sleep(200);
          }
        } while (r.status() / 100 != 2 && System.nanoTime() < deadline);
        assertEquals(2, r.status() / 100, "writes work again without a restart: " + r.body());
        assertEquals(200, h.api.get("/health/ready", null).status());
        assertBalanceBetween(h, s, account, acknowledged, attempted);
      }
      try (Harness again = Harness.start(mnt, Backend.embedded(), "")) {
        Session back = again.api.login(s.email(), Api.PASSWORD);
        assertBalanceBetween(again, back, account, acknowledged, attempted);
      }
    }
  }

  /**
   * The search indexes on a filesystem of their own that fills up while the database (elsewhere)
   * keeps acknowledging uploads: Lucene's writes fail, and yet every acknowledged document is
   * answered from, while the disk is full, once space returns, and after a restart.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lexical-index,vector-index", "vector-index"})
  void theKnowledgeBaseAnswersFromEveryAcknowledgedDocumentThroughAFullIndexDisk(String onSmallDisk)
      throws Exception {
    try (SmallFilesystem fs = SmallFilesystem.mount(dir.resolve("indexes"), "16m")) {
      Path mnt = fs.path();
      Path data = Files.createDirectories(dir.resolve("data"));
      for (String index : onSmallDisk.split(",")) {
        Files.createSymbolicLink(data.resolve(index), Files.createDirectory(mnt.resolve(index)));
      }
      // The graph from the first vector, so its files are written (and fail) too.
      String yaml = "  vector_store:\n    hnsw_threshold: 1\n";
      List<String> kept = new ArrayList<>();
      Session s;
      try (Harness h = Harness.start(dir, Backend.embedded(), yaml)) {
        s = h.api.newUser();
        kept.addAll(uploads(h, s, 0, 5));
        Thread.sleep(3_000); // the background maintenance writes what it held back

        Path filler = fs.fill("filler");
        kept.addAll(uploads(h, s, 5, 5));
        Thread.sleep(3_000); // and meets the full disk
        for (String word : codeWords(kept)) {
          // An answer from what it has, or an honest 503: never a 500, never a wrong answer.
          Res r = ask(h, s, word);
          assertTrue(
              r.status() == 503 && "search_index_unavailable".equals(r.code())
                  || r.status() == 200 && r.body().contains(word),
              r.status() + " " + r.body());
        }

        Files.delete(filler);
        kept.addAll(uploads(h, s, 10, 5));
        assertEveryFactAnswered(h, s, kept);
        // And the graph took up writing again, without a restart: every vector reached its files.
        assertVectorsCommitted(mnt.resolve("vector-index"), kept.size());
      }
      try (Harness again = Harness.start(dir, Backend.embedded(), yaml)) {
        assertEveryFactAnswered(again, again.api.login(s.email(), Api.PASSWORD), kept);
      }
    }
  }

  // Upload k documents from number `from`, each 201 (retried while the server says it is full).
  private static List<String> uploads(Harness h, Session s, int from, int k) throws Exception {
    List<String> facts = new ArrayList<>();
    for (int n = from; n < from + k; n++) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      Res r = upload(h, s, n);
      while (r.status() != 201 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        r = upload(h, s, n);
      }
      assertEquals(201, r.status(), r.body());
      facts.add(fact(n));
    }
    return facts;
  }

  private static Res upload(Harness h, Session s, int n) throws Exception {
    String text =
        "Branch opening hours. "
            + fact(n)
            + " Customers may ask the staff at the counter for details.";
    return Uploads.upload(
        h.api, s, "fact-" + n + ".txt", text.getBytes(StandardCharsets.UTF_8), "ingest_to_kb=true");
  }

  // A sentence only document n holds: its code word is found by lexical and vector search alike.
  private static String fact(int n) {
    return "The vault code word number " + n + " is " + WORDS[n % WORDS.length] + n + ".";
  }

  private static final String[] WORDS = {"zebra", "quartz", "falcon", "orchid", "copper"};

  private static void assertEveryFactAnswered(Harness h, Session s, List<String> facts) {
    for (String word : codeWords(facts)) {
      Res r = ask(h, s, word);
      assertEquals(200, r.status(), r.body());
      assertTrue(r.body().contains(word), "the document of " + word + " is found: " + r.body());
    }
  }

  // One chunk per document here; the index's commit holds them all within a few maintenance runs.
  private static void assertVectorsCommitted(Path vectorIndex, int chunks) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int committed = -1;
    while (committed != chunks && System.nanoTime() < deadline) {
      Thread.sleep(500);
      try (var models = Files.list(vectorIndex);
          var d = FSDirectory.open(models.findFirst().orElseThrow());
          var r = DirectoryReader.open(d)) {
        committed = r.numDocs();
      } catch (IOException notYet) {
        // no commit yet
      }
    }
    assertEquals(chunks, committed, "vectors in the graph's last commit");
  }

  private static List<String> codeWords(List<String> facts) {
    return facts.stream().map(f -> f.substring(f.lastIndexOf(' ') + 1, f.length() - 1)).toList();
  }

  private static Res ask(Harness h, Session s, String word) {
    return h.api.post(
        "/api/chat/message",
        s.access(),
        Map.of("message", "Which vault code word is " + word + "?"));
  }

  private static void assertBalanceBetween(
      Harness h, Session s, String account, long acknowledged, long attempted) {
    BigDecimal balance = h.api.balance(s, account);
    assertTrue(
        balance.compareTo(BigDecimal.valueOf(acknowledged)) >= 0
            && balance.compareTo(BigDecimal.valueOf(attempted)) <= 0,
        "balance " + balance + ", acknowledged " + acknowledged + " of " + attempted);
  }

  private static Res deposit(Harness h, Session s, String account) {
    return h.api.post(
        "/api/banking/deposit", s.access(), Map.of("account_id", account, "amount", "1.00"));
  }
}
