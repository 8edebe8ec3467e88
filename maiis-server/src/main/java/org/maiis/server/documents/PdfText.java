package org.maiis.server.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF text with PDFBox, page by page; a page without a text layer but with images (a scan) is
 * rendered at 300 dpi and read by OCR.
 */
final class PdfText {
  private static final float OCR_DPI = 300;
  // A PDF of thousands of scanned pages must not hold a request for hours.
  private static final int MAX_OCR_PAGES = 50;
  private final Ocr ocr;

  PdfText(Ocr ocr) {
    this.ocr = ocr;
  }

  Extraction extract(byte[] pdf, boolean useOcr) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      PDFRenderer renderer = new PDFRenderer(doc);
      StringBuilder text = new StringBuilder();
      List<Double> confidences = new ArrayList<>();
      List<Integer> unread = new ArrayList<>();
      String unreadReason = null;
      int ocrPages = 0;
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        stripper.setStartPage(i + 1);
        stripper.setEndPage(i + 1);
        String page = stripper.getText(doc).strip();
        if (page.isEmpty() && hasImages(doc.getPage(i))) {
          if (!useOcr) {
            unread.add(i + 1);
            unreadReason = "OCR not requested (process_ocr=false)";
            continue;
          }
          if (ocrPages++ >= MAX_OCR_PAGES) {
            unread.add(i + 1);
            unreadReason = "more than " + MAX_OCR_PAGES + " scanned pages";
            continue;
          }
          try {
            Ocr.Result r =
                ocr.recognise(png(renderer.renderImageWithDPI(i, OCR_DPI, ImageType.GRAY)));
            page = r.text().strip();
            r.confidence().ifPresent(confidences::add);
          } catch (Ocr.OcrUnavailable e) {
            unread.add(i + 1);
            unreadReason = e.getMessage();
            continue;
          }
        }
        if (!page.isEmpty()) {
          text.append(text.length() == 0 ? "" : "\n\n").append(page);
        }
      }
      Optional<Double> confidence =
          confidences.isEmpty()
              ? Optional.empty()
              : Optional.of(confidences.stream().mapToDouble(d -> d).average().orElse(0));
      if (unread.isEmpty()) {
        return Extraction.complete(text.toString(), confidence);
      }
      return new Extraction(
          text.toString(),
          confidence,
          text.length() == 0 ? "not_extracted" : "partial",
          Optional.of("scanned pages " + unread + " not read: " + unreadReason));
    } catch (InvalidPasswordException e) {
      return Extraction.failed("the PDF is encrypted");
    } catch (IOException | RuntimeException e) {
      return Extraction.failed("the PDF could not be read");
    }
  }

  private static boolean hasImages(PDPage page) {
    PDResources resources = page.getResources();
    if (resources == null) {
      return false;
    }
    for (COSName name : resources.getXObjectNames()) {
      if (resources.isImageXObject(name)) {
        return true;
      }
    }
    // Form XObjects can wrap images; render those pages too rather than miss a scan.
    return resources.getXObjectNames().iterator().hasNext();
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
