package org.maiis.server.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

/** A hostile or huge PDF is read within bounds: pages, render size, scratch memory. */
class PdfLimitsTest {
  private final PdfText pdf =
      new PdfText(new Ocr(Optional.empty(), Duration.ofSeconds(5), DocumentMetrics.NONE));

  @Test
  void onlyTheFirstPagesOfAHugeDocumentAreRead() throws IOException {
    int pages = PdfText.MAX_PAGES + 100;
    byte[] big = pdfOfPages(pages);
    Extraction e = pdf.extract(big, false);
    assertEquals("partial", e.status());
    assertEquals(
        Optional.of("only the first " + PdfText.MAX_PAGES + " of " + pages + " pages were read"),
        e.reason());
    assertTrue(e.text().contains("Page " + PdfText.MAX_PAGES + " of the ledger"), "last read page");
    assertFalse(e.text().contains("Page " + (PdfText.MAX_PAGES + 1) + " of"), "beyond the limit");
  }

  @Test
  void aGiantPageIsRenderedAtALowerResolution() {
    // 200 x 200 inches, the largest page PDF allows: at 300 dpi it would be 3.6 gigapixels.
    PDPage giant = new PDPage(new PDRectangle(14_400, 14_400));
    float dpi = PdfText.dpi(giant);
    assertEquals(25f, dpi);
    assertTrue((200 * dpi) * (200 * dpi) <= PdfText.MAX_RENDER_PIXELS);
    assertEquals(300f, PdfText.dpi(new PDPage(PDRectangle.A4)));
  }

  @Test
  void aPageOfMillionsOfOperationsStopsTheReadingThere() throws IOException {
    // Page 2 deflates from about 30 KB to 12 million operations: minutes of CPU for a small upload.
    byte[] bomb;
    try (PDDocument doc = new PDDocument()) {
      addTextPage(doc, 1);
      PDPage heavy = new PDPage(PDRectangle.A4);
      doc.addPage(heavy);
      PDStream content = new PDStream(doc);
      try (OutputStream o = content.createOutputStream(COSName.FLATE_DECODE)) {
        byte[] saveRestore = "q Q\n".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
        for (long ops = 0; ops <= PdfText.MAX_OPERATORS; ops += 2 << 16) {
          o.write(saveRestore);
        }
      }
      heavy.setContents(content);
      addTextPage(doc, 3);
      bomb = saved(doc);
    }
    Extraction e = pdf.extract(bomb, false);
    assertEquals("partial", e.status());
    assertEquals(
        Optional.of(
            "reading stopped at page 2 of 3: the document runs more than "
                + PdfText.MAX_OPERATORS
                + " drawing operations"),
        e.reason());
    assertEquals("Page 1 of the ledger.", e.text());
  }

  @Test
  void aScannedPageWhoseImageDeclaresGigapixelsIsNotDecoded() throws IOException {
    // A few KB on the wire, 900 million pixels once decoded: more than the server's whole heap.
    byte[] bomb;
    try (PDDocument doc = new PDDocument()) {
      addTextPage(doc, 1);
      PDPage scan = new PDPage(PDRectangle.LETTER);
      doc.addPage(scan);
      PDStream pixels = new PDStream(doc);
      try (OutputStream o = pixels.createOutputStream(COSName.FLATE_DECODE)) {
        o.write(new byte[30_000]);
      }
      PDImageXObject image = new PDImageXObject(pixels, null);
      image.setWidth(30_000);
      image.setHeight(30_000);
      image.setBitsPerComponent(8);
      image.setColorSpace(PDDeviceGray.INSTANCE);
      try (PDPageContentStream cs = new PDPageContentStream(doc, scan)) {
        cs.drawImage(image, 0, 0, 612, 792);
      }
      bomb = saved(doc);
    }
    Extraction e = pdf.extract(bomb, true);
    assertEquals("partial", e.status());
    assertEquals(
        Optional.of(
            "scanned pages [2] not read: an image of the page has more than "
                + OcrPreprocess.MAX_PIXELS / 1_000_000
                + " megapixels"),
        e.reason());
    assertEquals("Page 1 of the ledger.", e.text());
  }

  private static byte[] pdfOfPages(int pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      for (int i = 1; i <= pages; i++) {
        addTextPage(doc, i);
      }
      return saved(doc);
    }
  }

  private static byte[] saved(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }

  private static void addTextPage(PDDocument doc, int number) throws IOException {
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      cs.beginText();
      cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
      cs.newLineAtOffset(72, 700);
      cs.showText("Page " + number + " of the ledger.");
      cs.endText();
    }
  }
}
