package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.server.documents.TestDocuments;

/**
 * Untrusted input has a cost limit with a config key and a clear 4xx, and slow document work cannot
 * take what banking needs.
 */
class ResourceLimitsTest {
  @TempDir Path dir;

  @Test
  void aDocxThatExpandsPastTheTextLimitIs413() throws Exception {
    try (Harness h =
        Harness.start(dir, Backend.embedded(), "  documents:\n    max_extracted_chars: 5000\n")) {
      Session s = h.api.newUser();
      // 40 KB compressed, 600,000 characters of text once read.
      StringBuilder xml =
          new StringBuilder(
              "<?xml version=\"1.0\"?><w:document xmlns:w=\""
                  + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
      for (int i = 0; i < 6000; i++) {
        xml.append("<w:p><w:r><w:t>").append("a".repeat(100)).append("</w:t></w:r></w:p>");
      }
      xml.append("</w:body></w:document>");
      Res r = Uploads.upload(h.api, s, "bomb.docx", TestDocuments.docx(xml.toString()), "");
      assertEquals(413, r.status(), r.body());
      assertEquals("text_too_long", r.code());
      assertTrue(r.body().contains("max_extracted_chars"), r.body());
      assertEquals(0, h.api.get("/api/documents", s.access()).json().size(), "nothing kept");

      Res small = Uploads.upload(h.api, s, "ok.txt", "short enough".getBytes(), "");
      assertEquals(201, small.status(), small.body());
    }
  }

  @Test
  void theDailyUploadBudgetHoldsUnderParallelUploads() throws Exception {
    try (Harness h =
        Harness.start(
            dir,
            Backend.embedded(),
            "  documents:\n    daily_upload_bytes: 10k\n    workers: 4\n    queue: 64\n")) {
      Session s = h.api.newUser();
      byte[] kilobyte = ("x".repeat(1023) + "\n").getBytes(StandardCharsets.UTF_8);
      Map<Integer, Integer> byStatus = parallel(20, () -> upload(h, s, kilobyte).status());
      assertEquals(Map.of(201, 10, 429, 10), byStatus, "10 KiB a day, 1 KiB each");
      Res over = Uploads.upload(h.api, s, "more.txt", kilobyte, "");
      assertEquals("upload_quota_exceeded", over.code());
      long retry = Long.parseLong(over.header("Retry-After"));
      assertTrue(retry > 0 && retry <= 86_400, "until midnight UTC: " + retry);
      Session other = h.api.newUser();
      assertEquals(201, upload(h, other, kilobyte).status(), "the budget is per user");
    }
  }

  @Test
  void aBurstOfUploadsGets503WhileTransfersGoOn() throws Exception {
    try (Harness h =
        Harness.start(
            dir,
            Backend.embedded(),
            "  documents:\n    workers: 1\n    queue: 0\n  database:\n    pool_size: 4\n")) {
      Session s = h.api.newUser();
      String from = h.api.account(s, "checking", "USD", "1000");
      String to = h.api.account(s, "savings", "USD", "0");
      // Long enough to chunk and embed for a while, so uploads overlap on the single worker.
      byte[] text =
          "Overdraft fees are waived for students who keep a monthly deposit. "
              .repeat(600)
              .getBytes(StandardCharsets.UTF_8);
      ExecutorService pool = Executors.newFixedThreadPool(24);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Res>> uploads = new ArrayList<>();
      List<Future<Res>> transfers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        uploads.add(
            pool.submit(
                () -> {
                  go.await();
                  return Uploads.upload(h.api, s, "policy.txt", text, "ingest_to_kb=true");
                }));
        transfers.add(
            pool.submit(
                () -> {
                  go.await();
                  return h.api.post(
                      "/api/banking/transfer",
                      s.access(),
                      Map.of("from_account_id", from, "to_account_id", to, "amount", "1.00"));
                }));
      }
      go.countDown();
      Map<Integer, Integer> uploadStatus = new TreeMap<>();
      for (Future<Res> f : uploads) {
        Res r = f.get(120, TimeUnit.SECONDS);
        uploadStatus.merge(r.status(), 1, Integer::sum);
        if (r.status() == 503) {
          assertEquals("busy", r.code());
          assertNotNull(r.header("Retry-After"), "503 says when to retry");
        }
      }
      for (Future<Res> f : transfers) {
        Res r = f.get(120, TimeUnit.SECONDS);
        assertEquals(201, r.status(), "transfers never wait behind uploads: " + r.body());
      }
      pool.shutdown();
      assertTrue(uploadStatus.getOrDefault(201, 0) >= 1, uploadStatus.toString());
      assertTrue(uploadStatus.getOrDefault(503, 0) >= 1, uploadStatus.toString());
      assertEquals(12, uploadStatus.getOrDefault(201, 0) + uploadStatus.getOrDefault(503, 0));
    }
  }

  private static Res upload(Harness h, Session s, byte[] content) {
    try {
      return Uploads.upload(h.api, s, "k.txt", content, "");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<Integer, Integer> parallel(int n, java.util.concurrent.Callable<Integer> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          pool.submit(
              () -> {
                go.await();
                return call.call();
              }));
    }
    go.countDown();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    for (Future<Integer> f : out) {
      byStatus.merge(f.get(120, TimeUnit.SECONDS), 1, Integer::sum);
    }
    pool.shutdown();
    return byStatus;
  }
}
