package org.maiis.server.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.maiis.testing.ExternalTools;

class TextExtractorTest {
  private static TextExtractor extractor(Optional<Path> tesseract) {
    return new TextExtractor(
        new Ocr(tesseract, Duration.ofSeconds(60), DocumentMetrics.NONE),
        2_000_000,
        DocumentMetrics.NONE);
  }

  @Test
  void withoutTesseractAnImageIsKeptWithTheReason() throws IOException {
    Extraction e =
        extractor(Optional.empty()).extract(DocumentType.PNG, png("Hello", 400, 120), true);
    assertEquals("not_extracted", e.status());
    assertEquals("", e.text());
    assertTrue(
        e.reason().orElseThrow().contains("the tesseract program is not installed"), e.toString());
    assertTrue(e.succeeded(), "the document is still stored");
  }

  @Test
  void anImageDeclaringMoreThan40MegapixelsIsKeptWithoutRunningOcr() throws IOException {
    // 57 bytes of PNG declaring 20,000 x 20,000 pixels: tesseract would allocate 400 MB for it. The
    // tesseract path does not exist, so reaching it would give another reason.
    Extraction e =
        extractor(Optional.of(Path.of("/nonexistent/tesseract")))
            .extract(DocumentType.PNG, PngHeader.declaring(20_000, 20_000), true);
    assertEquals("not_extracted", e.status());
    assertEquals(Optional.of("the image has more than 40 megapixels; OCR was skipped"), e.reason());
    // A TIFF whose first page is small and second huge: tesseract reads every page.
    Extraction tiff =
        extractor(Optional.of(Path.of("/nonexistent/tesseract")))
            .extract(
                DocumentType.TIFF,
                TiffHeader.pages(new int[] {10, 10}, new int[] {20_000, 20_000}),
                true);
    assertEquals(
        Optional.of("page 2 of the image has more than 40 megapixels; OCR was skipped"),
        tiff.reason());
  }

  @Test
  void aScannedPdfPageIsRenderedAndReadByTesseract() throws IOException {
    Path tesseract = ExternalTools.SYSTEM.require("tesseract", "tesseract-ocr");
    byte[] pdf = scannedPdf(png("Wire transfers close at noon", 1600, 220));
    Extraction e = extractor(Optional.of(tesseract)).extract(DocumentType.PDF, pdf, true);
    assertEquals("extracted", e.status(), e.toString());
    assertTrue(e.text().contains("transfers") && e.text().contains("noon"), e.text());
    assertTrue(e.ocrConfidence().orElseThrow() > 50);

    Extraction missing = extractor(Optional.empty()).extract(DocumentType.PDF, pdf, true);
    assertEquals("not_extracted", missing.status());
    assertTrue(missing.reason().orElseThrow().contains("scanned pages [1]"), missing.toString());
  }

  @Test
  void aDocxBombIsRefusedSayingWhy() throws IOException {
    // 65 MiB of one letter deflates to about 64 KB; the reason says what was wrong with it.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) 'A');
      for (int i = 0; i < 65; i++) {
        zip.write(block);
      }
      zip.closeEntry();
    }
    Extraction e = extractor(Optional.empty()).extract(DocumentType.DOCX, out.toByteArray(), true);
    assertEquals("failed", e.status());
    assertEquals(
        Optional.of("the DOCX's word/document.xml inflates to more than 64 MiB"), e.reason());
  }

  @Test
  void docxParagraphsAreRead() throws IOException {
    String xml =
        "<?xml version=\"1.0\"?><w:document xmlns:w=\""
            + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + "<w:p><w:r><w:t>Branches open</w:t></w:r><w:r><w:t xml:space=\"preserve\"> at nine.</w:t>"
            + "</w:r></w:p><w:p><w:r><w:t>They close at five.</w:t></w:r></w:p></w:body></w:document>";
    byte[] docx = TestDocuments.docx(xml);
    assertEquals(Optional.of(DocumentType.DOCX), DocumentType.detect(docx));
    Extraction e = extractor(Optional.empty()).extract(DocumentType.DOCX, docx, true);
    assertEquals("Branches open at nine.\n\nThey close at five.", e.text());
  }

  @Test
  void typesComeFromContent() {
    assertEquals(Optional.of(DocumentType.TEXT), DocumentType.detect("héllo\n".getBytes()));
    assertEquals(Optional.empty(), DocumentType.detect(new byte[] {0, 1, 2, 3}));
    assertEquals(Optional.empty(), DocumentType.detect(new byte[] {'P', 'K', 3, 4, 0}));
    assertEquals(Optional.of(DocumentType.JPEG), DocumentType.detect(new byte[] {-1, -40, -1, 0}));
    assertEquals(Optional.of(DocumentType.TIFF), DocumentType.detect(new byte[] {'I', 'I', 42, 0}));
  }

  private static byte[] scannedPdf(byte[] png) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      PDImageXObject image =
          LosslessFactory.createFromImage(doc, ImageIO.read(new java.io.ByteArrayInputStream(png)));
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawImage(image, 36, 500, 540, 74);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  private static byte[] png(String text, int width, int height) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 3));
    g.drawString(text, 30, height * 2 / 3);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
