package org.maiis.server.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
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

  private static byte[] pdfOfPages(int pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int i = 1; i <= pages; i++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 12);
          cs.newLineAtOffset(72, 700);
          cs.showText("Page " + i + " of the ledger.");
          cs.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }
}
