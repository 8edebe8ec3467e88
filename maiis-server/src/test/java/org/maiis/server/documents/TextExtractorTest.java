package org.maiis.server.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.maiis.testing.ExternalTools;

class TextExtractorTest {
  @TempDir Path dir;

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
    Extraction e =
        extractor(Optional.empty())
            .extract(DocumentType.DOCX, docxBomb("", "<w:p></w:p>", ""), true);
    assertEquals("failed", e.status());
    assertEquals(
        Optional.of("the DOCX's word/document.xml inflates to more than 64 MiB"), e.reason());
  }

  static Stream<Arguments> bombs() {
    String construct =
        "the DOCX's word/document.xml holds a comment, attribute or CDATA section of more than 1"
            + " MiB";
    return Stream.of(
        Arguments.of(
            "", "<w:p></w:p>", "", "the DOCX's word/document.xml inflates to more than 64 MiB"),
        Arguments.of("<!--", "a", "-->", construct),
        Arguments.of("<w:p w:x=\"", "a", "\"/>", construct),
        Arguments.of("<w:p><w:r><w:t><![CDATA[", "a", "]]></w:t></w:r></w:p>", construct),
        Arguments.of(
            "<w:p><w:r><w:t>",
            "a",
            "</w:t></w:r></w:p>",
            "the document's text is longer than 2000000 characters"
                + " (server.documents.max_extracted_chars)"));
  }

  @ParameterizedTest
  @MethodSource("bombs")
  void aDocxBombIsReadWithinAFewMegabytesOfHeap(
      String open, String repeated, String close, String reason) throws Exception {
    // Bombs that inflate to more than the whole heap of the JVM that reads them: the XML must be
    // streamed, never held (four concurrent uploads of one would otherwise take 256 MiB, more
    // than serve's default heap), and the parser must not gather a construct of it whole.
    Path docx = dir.resolve("bomb.docx");
    Files.write(docx, docxBomb(open, repeated, close));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-cp",
                System.getProperty("java.class.path"),
                ExtractInSmallHeap.class.getName(),
                docx.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertEquals(reason, out.strip());
  }

  @Test
  void aDocxWhoseOtherEntriesInflateWithoutEndIsRefusedBeforeItsText() throws IOException {
    // Skipping an entry inflates it: 300 MiB of zeros ahead of the text is work with no limit.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("word/media/padding.bin"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 300; i++) {
        zip.write(zeros);
      }
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(documentXml("Never read.").getBytes(StandardCharsets.UTF_8));
    }
    Extraction e = extractor(Optional.empty()).extract(DocumentType.DOCX, out.toByteArray(), true);
    assertEquals(Optional.of("the DOCX inflates to more than 256 MiB"), e.reason());
  }

  @Test
  void mediaAheadOfTheTextIsSkippedWithinTheBudget() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("word/media/image1.png"));
      byte[] noise = new byte[5 << 20];
      new java.util.Random(7).nextBytes(noise);
      zip.write(noise);
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(documentXml("Read after the picture.").getBytes(StandardCharsets.UTF_8));
    }
    Extraction e = extractor(Optional.empty()).extract(DocumentType.DOCX, out.toByteArray(), true);
    assertEquals("Read after the picture.", e.text());
    assertEquals("extracted", e.status());
  }

  /** Run by the test above in its own small-heap JVM. */
  static final class ExtractInSmallHeap {
    public static void main(String[] args) throws IOException {
      try {
        Extraction e =
            extractor(Optional.empty())
                .extract(DocumentType.DOCX, Files.readAllBytes(Path.of(args[0])), false);
        System.out.println(e.reason().orElse(e.status()));
      } catch (RuntimeException e) { // the text limit's 413
        System.out.println(e.getMessage());
      }
    }
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

  // A document.xml of open, 65 MiB of repeated, close: it deflates to about 64 KB.
  private static byte[] docxBomb(String open, String repeated, String close) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(
          documentXml("").replace("</w:body></w:document>", open).getBytes(StandardCharsets.UTF_8));
      byte[] block =
          repeated.repeat((1 << 20) / repeated.length()).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 65; i++) {
        zip.write(block);
      }
      zip.write((close + "</w:body></w:document>").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  private static String documentXml(String paragraph) {
    return "<?xml version=\"1.0\"?><w:document xmlns:w=\""
        + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        + (paragraph.isEmpty() ? "" : "<w:p><w:r><w:t>" + paragraph + "</w:t></w:r></w:p>")
        + "</w:body></w:document>";
  }
}
