package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.server.documents.TestDocuments;
import org.maiis.server.rag.ChatService;
import org.maiis.testing.Counters;
import org.maiis.testing.ExternalTools;

/** Documents and the knowledge-base chat against a real server with real PDFBox and tesseract. */
abstract class DocumentsApiContract extends ServerContract {
  private static final int LIMIT = 256 * 1024;
  private static final String FEES =
      "# Fees\nAn overdraft costs 12 euros per month. Paper statements cost 2 euros each.\n\n"
          + "# Cards\nA lost card is blocked immediately after you call the hotline. A new card"
          + " arrives by post within five working days.";
  private Session alice;
  private Session bob;

  @Override
  String serverYaml() {
    return "  documents:\n    max_upload_size: 256k\n";
  }

  @BeforeAll
  void signUp() throws Exception {
    alice = api.newUser();
    bob = api.newUser();
  }

  @Test
  void textAndPdfAreStoredListedReadAndDeletedWithTheirFilesAndChunks() throws Exception {
    Session dave = api.newUser();
    Res text = upload(dave, "fees.txt", FEES.getBytes(StandardCharsets.UTF_8), "ingest_to_kb=true");
    assertEquals(201, text.status(), text.body());
    assertEquals("text", text.json().path("document_type").asText());
    assertEquals("text/plain", text.json().path("mime_type").asText());
    assertEquals("extracted", text.json().path("extraction_status").asText());
    assertTrue(text.json().path("is_indexed").asBoolean());
    assertTrue(text.json().path("chunk_count").asInt() >= 2, text.body());

    byte[] pdf =
        TestDocuments.textPdf("Mortgage applications are reviewed within ten business days.");
    Res pdfDoc = upload(dave, "mortgage.pdf", pdf, "ingest_to_kb=true");
    assertEquals(201, pdfDoc.status(), pdfDoc.body());
    assertEquals("pdf", pdfDoc.json().path("document_type").asText());
    assertTrue(
        pdfDoc.json().path("extracted_text").asText().contains("reviewed within ten business days"),
        pdfDoc.body());
    String pdfId = pdfDoc.json().path("id").asText();

    Res list = api.get("/api/documents", dave.access());
    assertEquals(200, list.status());
    assertEquals(2, list.json().size(), list.body());
    assertTrue(list.json().get(0).path("extracted_text").isNull(), "lists carry no text");
    Res one = api.get("/api/documents/" + pdfId, dave.access());
    assertEquals(200, one.status());
    assertEquals("mortgage.pdf", one.json().path("filename").asText());

    long objects = objectCount();
    assertTrue(answer(dave, "how long does reviewing a mortgage application take").contains(pdfId));
    Res deleted = api.delete("/api/documents/" + pdfId, dave.access());
    assertEquals(200, deleted.status(), deleted.body());
    assertEquals(404, api.get("/api/documents/" + pdfId, dave.access()).status());
    assertEquals(objects - 1, objectCount(), "the stored file is removed");
    JsonNode after = chat(dave, "how long does reviewing a mortgage application take");
    for (JsonNode s : after.path("sources")) {
      assertNotEquals(pdfId, s.path("document_id").asText(), "chunks of a deleted document");
    }
  }

  @Test
  void anotherUserGets404AndNeverRetrievesThePassages() throws Exception {
    String secret = "The vault combination for branch Zephyrine is kept by the regional manager.";
    Res r =
        upload(alice, "secret.txt", secret.getBytes(StandardCharsets.UTF_8), "ingest_to_kb=true");
    assertEquals(201, r.status(), r.body());
    String id = r.json().path("id").asText();
    assertEquals(404, api.get("/api/documents/" + id, bob.access()).status());
    assertEquals(404, api.delete("/api/documents/" + id, bob.access()).status());
    assertEquals(200, api.get("/api/documents/" + id, alice.access()).status());
    JsonNode bobs = chat(bob, "vault combination branch Zephyrine regional manager");
    assertEquals(0, bobs.path("sources").size(), bobs.toString());
    assertEquals(ChatService.NOTHING_FOUND, bobs.path("response").asText());
    assertTrue(answer(alice, "vault combination Zephyrine").contains(id));
    assertEquals(401, api.get("/api/documents", null).status());
  }

  @Test
  void oversizeIs413AndUnknownContentIs415WhateverTheName() throws Exception {
    Res big = upload(alice, "big.txt", "a".repeat(LIMIT + 1).getBytes(StandardCharsets.UTF_8), "");
    assertEquals(413, big.status(), big.body());
    assertEquals("payload_too_large", big.code());
    byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    Res exe = upload(alice, "report.pdf", elf, "");
    assertEquals(415, exe.status(), exe.body());
    assertEquals("unsupported_media_type", exe.code());
    Res notMultipart =
        api.send("POST", "/api/documents/upload", alice.access(), "text/plain", "hello");
    assertEquals(415, notMultipart.status());

    Res traversal = upload(alice, "../../etc/passwd.pdf", "plain words".getBytes(), "");
    assertEquals(201, traversal.status(), traversal.body());
    assertEquals("passwd.pdf", traversal.json().path("filename").asText());
    assertEquals("text/plain", traversal.json().path("mime_type").asText(), "type from content");
    try (Stream<Path> files = Files.walk(h.dataDir.resolve("objects"))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("passwd")));
    }
    // Jetty refuses a NUL in a part header while parsing: a malformed request, not a 500.
    Res nul = upload(alice, "a\u0000b.txt", "plain words".getBytes(), "");
    assertEquals(400, nul.status(), nul.body());
    assertEquals("invalid_field", nul.code());
  }

  @Test
  void aChunkedBodyIsJudgedByWhatItHoldsNotByItsMissingLength() throws Exception {
    // 19 bytes of garbage sent without Content-Length: malformed, not "larger than 256 KiB".
    Res garbage = chunked("multipart/form-data; boundary=xyz", "garbage no boundary".getBytes());
    assertEquals(400, garbage.status(), garbage.body());
    assertEquals("invalid_field", garbage.code());
    // Beyond what Jetty parses at all (the 25 MiB audio limit plus framing): too large.
    byte[] huge = new byte[27 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    byte[] framed =
        ("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[framed.length + huge.length];
    System.arraycopy(framed, 0, body, 0, framed.length);
    System.arraycopy(huge, 0, body, framed.length, huge.length);
    Res big = chunked("multipart/form-data; boundary=xyz", body);
    assertEquals(413, big.status(), big.body());
    assertEquals("payload_too_large", big.code());
  }

  private Res chunked(String contentType, byte[] body) throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.base() + "/api/documents/upload"))
                    .header("Authorization", "Bearer " + alice.access())
                    .header("Content-Type", contentType)
                    // An InputStream publisher has no known length: the body goes out chunked.
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(body)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return Res.of(r);
  }

  @Test
  void anImageIsReadByTesseractWithItsConfidence() throws Exception {
    ExternalTools.SYSTEM.require("tesseract", "tesseract-ocr");
    Res r =
        upload(alice, "scan.png", png("Savings interest is paid quarterly"), "process_ocr=true");
    assertEquals(201, r.status(), r.body());
    assertEquals("image", r.json().path("document_type").asText());
    assertEquals("extracted", r.json().path("extraction_status").asText(), r.body());
    String text = r.json().path("extracted_text").asText();
    assertTrue(text.contains("Savings") && text.contains("quarterly"), text);
    assertTrue(r.json().path("ocr_confidence").asDouble() > 50, r.body());

    Res skipped = upload(alice, "scan.png", png("Not read"), "process_ocr=false");
    assertEquals("not_extracted", skipped.json().path("extraction_status").asText());
    assertTrue(skipped.json().path("extraction_reason").asText().contains("process_ocr"));
  }

  @Test
  void aParaphrasedQuestionCitesTheDocumentThatAnswersIt() throws Exception {
    Session carol = api.newUser();
    Res fees = upload(carol, "fees.md", FEES.getBytes(StandardCharsets.UTF_8), "ingest_to_kb=true");
    String other =
        "Loans are approved by the credit committee. Interest on loans is fixed for the"
            + " whole term. Early repayment of a loan is free of charge.";
    upload(carol, "loans.txt", other.getBytes(StandardCharsets.UTF_8), "ingest_to_kb=true");
    JsonNode a = chat(carol, "What happens when I lose my card and phone the hotline?");
    assertEquals("extractive", a.path("mode").asText());
    JsonNode top = a.path("sources").get(0);
    assertEquals(fees.json().path("id").asText(), top.path("document_id").asText(), a.toString());
    assertEquals("fees.md", top.path("filename").asText());
    assertTrue(top.path("score").asDouble() > 0);
    assertTrue(top.has("chunk_index"));
    assertTrue(
        a.path("response").asText().contains("A lost card is blocked immediately"), a.toString());

    Res metrics = api.get("/metrics", null);
    assertTrue(Counters.sumInText(metrics.body(), "file_upload_total{") > 0, "upload metrics");
    assertTrue(
        Counters.sumInText(metrics.body(), "document_processing_total{") > 0, "document metrics");
    assertTrue(metrics.body().contains("rag_pipeline_duration_seconds"), "rag metrics");
    assertTrue(metrics.body().contains("vector_search_duration_seconds_count{"), "search metrics");
  }

  private String answer(Session s, String question) {
    return chat(s, question).path("sources").toString();
  }

  private JsonNode chat(Session s, String question) {
    Res r = api.post("/api/chat/message", s.access(), Map.of("message", question));
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private long objectCount() throws IOException {
    try (Stream<Path> files = Files.walk(h.dataDir.resolve("objects"))) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private Res upload(Session s, String filename, byte[] content, String query) throws Exception {
    return Uploads.upload(api, s, filename, content, query);
  }

  private static byte[] png(String text) throws IOException {
    BufferedImage img = new BufferedImage(1400, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
    g.drawString(text, 40, 120);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    assertFalse(out.size() == 0);
    return out.toByteArray();
  }
}
