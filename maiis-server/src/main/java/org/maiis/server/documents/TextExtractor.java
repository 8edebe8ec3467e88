package org.maiis.server.documents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.maiis.server.failure.Failure;

/** The text of an uploaded document, by its detected type; recorded as document processing. */
public final class TextExtractor {
  private final Ocr ocr;
  private final PdfText pdf;
  private final long maxChars;
  private final DocumentMetrics metrics;

  /**
   * Extracts with {@code ocr} for images and scanned pages.
   *
   * @param maxChars longest text accepted from one document; longer is 413
   */
  public TextExtractor(Ocr ocr, long maxChars, DocumentMetrics metrics) {
    this.ocr = ocr;
    this.pdf = new PdfText(ocr);
    this.maxChars = maxChars;
    this.metrics = metrics;
  }

  /**
   * Extracts the text of {@code bytes}.
   *
   * @param useOcr whether images and scanned pages go through OCR
   */
  public Extraction extract(DocumentType type, byte[] bytes, boolean useOcr) {
    long start = System.nanoTime();
    Extraction e;
    try {
      e =
          switch (type) {
            case PDF -> pdf.extract(bytes, useOcr);
            case PNG, JPEG, TIFF -> image(bytes, useOcr);
            case TEXT -> Extraction.complete(text(bytes), Optional.empty());
            case DOCX -> DocxText.extract(bytes, maxChars);
          };
      if (e.text().length() > maxChars) {
        throw new TextTooLong(maxChars);
      }
    } catch (TextTooLong tooLong) {
      metrics.documentProcessing(
          type.category(), false, Duration.ofNanos(System.nanoTime() - start));
      throw Failure.of(Failure.Kind.TOO_LARGE, "text_too_long", tooLong.getMessage());
    }
    metrics.documentProcessing(
        type.category(), e.succeeded(), Duration.ofNanos(System.nanoTime() - start));
    return e;
  }

  private Extraction image(byte[] bytes, boolean useOcr) {
    if (!useOcr) {
      return new Extraction(
          "",
          Optional.empty(),
          "not_extracted",
          Optional.of("OCR not requested (process_ocr=false)"));
    }
    Optional<String> tooLarge = OcrPreprocess.tooLarge(bytes);
    if (tooLarge.isPresent()) {
      // The OCR route refuses these before decoding; an upload is kept, but a small file that
      // declares a huge image must not have tesseract allocate it.
      return new Extraction(
          "", Optional.empty(), "not_extracted", Optional.of(tooLarge.get() + "; OCR was skipped"));
    }
    try {
      Ocr.Result r = ocr.recognise(bytes);
      return Extraction.complete(r.text(), r.confidence());
    } catch (Ocr.OcrUnavailable e) {
      return new Extraction("", Optional.empty(), "not_extracted", Optional.of(e.getMessage()));
    }
  }

  private static String text(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
