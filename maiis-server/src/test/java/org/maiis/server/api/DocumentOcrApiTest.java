package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.testing.ExternalTools;

/** {@code POST /api/documents/ocr} with the real tesseract. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentOcrApiTest {
  @AutoClose private Harness h;
  private Api api;
  private Session alice;
  private Session bob;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ExternalTools.SYSTEM.require("tesseract", "tesseract-ocr");
    h = Harness.start(dir, Backend.embedded(), "  documents:\n    max_upload_size: 128k\n");
    api = h.api;
    alice = api.newUser();
    bob = api.newUser();
  }

  @Test
  void base64ImagesAreReadWithTheirConfidence() throws Exception {
    byte[] png = png("Savings interest is paid quarterly", 56);
    Res r = ocr(Map.of("base64_data", b64(png), "language", "eng"));
    assertEquals(200, r.status(), r.body());
    String text = r.json().path("text").asText().toLowerCase(Locale.ROOT);
    assertTrue(text.contains("interest") && text.contains("quarterly"), text);
    assertTrue(r.json().path("confidence").asDouble() > 60, r.body());
    assertEquals("eng", r.json().path("language").asText());
    assertEquals("image", r.json().path("document_type").asText());
    assertTrue(r.json().path("preprocessed").asBoolean());
    assertTrue(r.json().path("document_id").isNull());
    assertEquals("extracted", r.json().path("status").asText());

    // Small, faint text is read after preprocessing (enlarged, contrast stretched).
    byte[] faint = faintPng("Card fees waived", 14);
    Res prepared = ocr(Map.of("base64_data", b64(faint), "preprocess", true));
    assertEquals(200, prepared.status(), prepared.body());
    assertTrue(
        prepared.json().path("text").asText().toLowerCase(Locale.ROOT).contains("fees"),
        prepared.body());
  }

  @Test
  void storedDocumentsAreReadForTheirOwnerOnly() throws Exception {
    Res up =
        Uploads.upload(
            api, alice, "scan.png", png("Mortgage review takes ten days", 56), "process_ocr=false");
    assertEquals(201, up.status(), up.body());
    String id = up.json().path("id").asText();
    Res r = ocr(alice, Map.of("document_id", id));
    assertEquals(200, r.status(), r.body());
    assertEquals(id, r.json().path("document_id").asText());
    assertTrue(r.json().path("text").asText().toLowerCase(Locale.ROOT).contains("mortgage"));
    assertEquals(404, ocr(bob, Map.of("document_id", id)).status());

    // A scanned PDF (an image-only page) by its id.
    Res scan =
        Uploads.upload(
            api,
            alice,
            "scan.pdf",
            scannedPdf("Transfers abroad cost five euros"),
            "process_ocr=false");
    assertEquals(201, scan.status(), scan.body());
    Res pdf = ocr(alice, Map.of("document_id", scan.json().path("id").asText()));
    assertEquals(200, pdf.status(), pdf.body());
    assertEquals("pdf", pdf.json().path("document_type").asText());
    assertTrue(
        pdf.json().path("text").asText().toLowerCase(Locale.ROOT).contains("abroad"), pdf.body());

    Res text =
        Uploads.upload(api, alice, "notes.txt", "plain text".getBytes(StandardCharsets.UTF_8), "");
    assertEquals(415, ocr(alice, Map.of("document_id", text.json().path("id").asText())).status());
  }

  @Test
  void badRequestsAreRefusedClearly() throws Exception {
    String data = b64(png("x", 40));
    assertEquals(400, ocr(Map.of()).status());
    Map<String, Object> both = new HashMap<>();
    both.put("base64_data", data);
    both.put("document_id", "d");
    assertEquals(400, ocr(both).status());
    Res lang = ocr(Map.of("base64_data", data, "language", "zzz"));
    assertEquals(422, lang.status());
    assertEquals("unsupported_language", lang.code());
    assertTrue(lang.body().contains("eng"), lang.body());
    assertEquals(400, ocr(Map.of("base64_data", data, "language", "../../etc")).status());
    assertEquals(400, ocr(Map.of("base64_data", "%%%not base64")).status());
    Res garbage = ocr(Map.of("base64_data", "!!!!"));
    assertEquals(400, garbage.status(), garbage.body());
    assertEquals(
        "base64_data is not valid base64", garbage.json().path("error").path("message").asText());
    // Without preprocessing too, a huge declared image never reaches tesseract.
    Res huge =
        ocr(
            Map.of(
                "base64_data",
                b64(org.maiis.server.documents.PngHeader.declaring(20_000, 20_000)),
                "preprocess",
                false));
    assertEquals(422, huge.status(), huge.body());
    assertEquals("image_too_large", huge.code());
    Res big = ocr(Map.of("base64_data", b64(new byte[200 * 1024])));
    assertEquals(413, big.status(), big.body());
    assertEquals(401, api.post("/api/documents/ocr", null, Map.of("base64_data", data)).status());
  }

  @Test
  void withoutTesseractTheAnswerIs503(@TempDir Path dir) throws Exception {
    Backend noTools =
        new Backend("h2", "", k -> k.equals("PATH") ? dir.toString() : System.getenv(k), () -> {});
    try (Harness bare = Harness.start(dir, noTools, "")) {
      Session s = bare.api.newUser();
      Res r =
          bare.api.post("/api/documents/ocr", s.access(), Map.of("base64_data", b64(png("x", 40))));
      assertEquals(503, r.status(), r.body());
      assertEquals("ocr_unavailable", r.code());
      assertTrue(r.body().contains("tesseract"), r.body());
    }
  }

  private Res ocr(Map<String, ?> body) {
    return ocr(alice, body);
  }

  private Res ocr(Session s, Map<String, ?> body) {
    return api.post("/api/documents/ocr", s.access(), body);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] png(String text, int size) throws IOException {
    return encode(image(text, size, Color.BLACK, Color.WHITE, 1400, 200));
  }

  // Grey on grey at a small size: hard until enlarged and stretched.
  private static byte[] faintPng(String text, int size) throws IOException {
    return encode(image(text, size, new Color(110, 110, 110), new Color(170, 170, 170), 260, 40));
  }

  private static BufferedImage image(
      String text, int size, Color ink, Color paper, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(paper);
    g.fillRect(0, 0, width, height);
    g.setColor(ink);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
    g.drawString(text, 10, height * 2 / 3);
    g.dispose();
    return img;
  }

  private static byte[] encode(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static byte[] scannedPdf(String text) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      var img =
          LosslessFactory.createFromImage(
              doc, image(text, 56, Color.BLACK, Color.WHITE, 1400, 200));
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawImage(img, 36, 600, 540, 77);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }
}
