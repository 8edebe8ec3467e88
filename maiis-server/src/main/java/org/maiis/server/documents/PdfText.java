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
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * PDF text with PDFBox, page by page; a page without a text layer but with images (a scan) is
 * rendered at 300 dpi and read by OCR. A hostile PDF cannot exhaust the heap: PDFBox's scratch
 * buffers spill to a temporary file beyond {@link #MAX_MAIN_MEMORY} and stop at {@link
 * #MAX_SCRATCH}, at most {@link #MAX_PAGES} pages are read, and a page is rendered at a lower
 * resolution when 300 dpi would exceed {@link #MAX_RENDER_PIXELS}. Nor can it take minutes of CPU:
 * reading stops after {@link #MAX_OPERATORS} content-stream operators.
 */
final class PdfText {
  private static final float OCR_DPI = 300;
  // A PDF of thousands of scanned pages must not hold a request for hours.
  private static final int MAX_OCR_PAGES = 50;
  private static final int MAX_FORM_DEPTH = 8;

  /** PDFBox scratch memory kept on the heap per document. */
  static final long MAX_MAIN_MEMORY = 16L << 20;

  /** PDFBox scratch memory in all (heap, then a temporary file) per document. */
  static final long MAX_SCRATCH = 512L << 20;

  /** Pages read from one document. */
  static final int MAX_PAGES = 500;

  /**
   * Content-stream operators run over one document (a few seconds of CPU; a dense page of text has
   * a few thousand).
   */
  static final long MAX_OPERATORS = 10_000_000L;

  /** Largest rendering of a scanned page: 25 megapixels (A4 at 300 dpi is 8.7). */
  static final long MAX_RENDER_PIXELS = 25_000_000L;

  private final Ocr ocr;

  PdfText(Ocr ocr) {
    this.ocr = ocr;
  }

  Extraction extract(byte[] pdf, boolean useOcr) {
    return extract(pdf, useOcr, Ocr.DEFAULT_LANGUAGE);
  }

  Extraction extract(byte[] pdf, boolean useOcr, String language) {
    try (PDDocument doc =
        Loader.loadPDF(
            pdf,
            "",
            null,
            null,
            MemoryUsageSetting.setupMixed(MAX_MAIN_MEMORY, MAX_SCRATCH).streamCache)) {
      CountingTextStripper stripper = new CountingTextStripper(MAX_OPERATORS);
      PDFRenderer renderer = new PDFRenderer(doc);
      // An image is decoded at the size it is drawn at, not at the size it declares.
      renderer.setSubsamplingAllowed(true);
      StringBuilder text = new StringBuilder();
      List<Double> confidences = new ArrayList<>();
      List<Integer> unread = new ArrayList<>();
      String unreadReason = null;
      int ocrPages = 0;
      int pages = Math.min(doc.getNumberOfPages(), MAX_PAGES);
      String stoppedAt = null;
      for (int i = 0; i < pages; i++) {
        stripper.setStartPage(i + 1);
        stripper.setEndPage(i + 1);
        String page;
        try {
          page = stripper.getText(doc).strip();
        } catch (CountingTextStripper.Exceeded e) {
          stoppedAt =
              "reading stopped at page "
                  + (i + 1)
                  + " of "
                  + doc.getNumberOfPages()
                  + ": the document runs "
                  + e.getMessage();
          break;
        }
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
          if (largestImage(doc.getPage(i).getResources(), 0) > OcrPreprocess.MAX_PIXELS) {
            // Decoding an image allocates what it declares, however small it is drawn or stored.
            unread.add(i + 1);
            unreadReason =
                "an image of the page has more than "
                    + OcrPreprocess.MAX_PIXELS / 1_000_000
                    + " megapixels";
            continue;
          }
          try {
            Ocr.Result r =
                ocr.recognise(
                    png(renderer.renderImageWithDPI(i, dpi(doc.getPage(i)), ImageType.GRAY)),
                    language);
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
      List<String> reasons = new ArrayList<>();
      if (!unread.isEmpty()) {
        reasons.add("scanned pages " + unread + " not read: " + unreadReason);
      }
      if (stoppedAt != null) {
        reasons.add(stoppedAt);
      } else if (doc.getNumberOfPages() > MAX_PAGES) {
        reasons.add(
            "only the first " + MAX_PAGES + " of " + doc.getNumberOfPages() + " pages were read");
      }
      if (reasons.isEmpty()) {
        return Extraction.complete(text.toString(), confidence);
      }
      return new Extraction(
          text.toString(),
          confidence,
          text.length() == 0 ? "not_extracted" : "partial",
          Optional.of(String.join("; ", reasons)));
    } catch (InvalidPasswordException e) {
      return Extraction.failed("the PDF is encrypted");
    } catch (IOException | RuntimeException e) {
      return Extraction.failed("the PDF could not be read");
    }
  }

  // 300 dpi, or less when the page is so large that 300 dpi would exceed MAX_RENDER_PIXELS.
  static float dpi(PDPage page) {
    PDRectangle box = page.getCropBox();
    double squareInches = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
    if (squareInches <= 0) {
      return OCR_DPI;
    }
    double fits = Math.sqrt(MAX_RENDER_PIXELS / squareInches);
    return (float) Math.max(1, Math.min(OCR_DPI, Math.floor(fits)));
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

  // The most pixels an image the page draws declares, through forms a few levels deep.
  private static long largestImage(PDResources resources, int depth) throws IOException {
    long largest = 0;
    if (resources == null || depth > MAX_FORM_DEPTH) {
      return largest;
    }
    for (COSName name : resources.getXObjectNames()) {
      PDXObject x = resources.getXObject(name);
      if (x instanceof PDImageXObject image) {
        largest = Math.max(largest, (long) image.getWidth() * image.getHeight());
      } else if (x instanceof PDFormXObject form) {
        largest = Math.max(largest, largestImage(form.getResources(), depth + 1));
      }
    }
    return largest;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
