package org.maiis.server.documents;

import java.time.Duration;
import java.util.List;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Base64Field;
import org.maiis.server.work.Bulkhead;

/**
 * {@code POST /api/documents/ocr}: the text of an image or PDF, either one of the caller's stored
 * documents or base64 data sent with the request, in the requested language, with its mean word
 * confidence. Nothing is stored.
 */
public final class DocumentOcr {
  private static final String LANGUAGE = "[a-z]{3}(?:_[a-z]+)?(?:\\+[a-z]{3}(?:_[a-z]+)?){0,3}";

  /**
   * The request of the original API.
   *
   * @param documentId one of the caller's documents
   * @param base64Data or the file itself, base64
   * @param language tesseract language code(s), {@code eng} by default
   * @param preprocess grey-level stretch and enlargement of small images first (default true)
   */
  public record Request(
      String documentId, String base64Data, String language, Boolean preprocess) {}

  /**
   * The recognised text.
   *
   * @param documentId the document read, null for base64 data
   * @param documentType image or pdf
   * @param language the language read
   * @param preprocessed whether the image was prepared first
   * @param text the text
   * @param confidence mean word confidence 0-100, null when no word was recognised
   * @param status extracted, partial or not_extracted (as for uploads)
   * @param reason why not all text was read, or null
   */
  public record Result(
      String documentId,
      String documentType,
      String language,
      boolean preprocessed,
      String text,
      Double confidence,
      String status,
      String reason) {}

  private final DocumentService documents;
  private final Ocr ocr;
  private final PdfText pdf;
  private final long maxBytes;
  private final Bulkhead workers;
  private final DocumentMetrics metrics;

  /**
   * OCR with {@code ocr} of documents from {@code documents}.
   *
   * @param maxBytes largest file accepted as base64 data (the upload limit)
   */
  public DocumentOcr(
      DocumentService documents,
      Ocr ocr,
      long maxBytes,
      Bulkhead workers,
      DocumentMetrics metrics) {
    this.workers = workers;
    this.documents = documents;
    this.ocr = ocr;
    this.pdf = new PdfText(ocr);
    this.maxBytes = maxBytes;
    this.metrics = metrics;
  }

  /** Runs {@code req} for {@code userId}. */
  public Result run(String userId, Request req) {
    boolean byId = req.documentId() != null && !req.documentId().isBlank();
    boolean byData = req.base64Data() != null && !req.base64Data().isBlank();
    if (byId == byData) {
      throw Failure.invalid(
          "invalid_field", "exactly one of document_id and base64_data is required");
    }
    String language = language(req.language());
    boolean preprocess = req.preprocess() == null || req.preprocess();
    if (!ocr.available()) {
      throw Failure.unavailable(
          "ocr_unavailable", "OCR unavailable: the tesseract program is not installed");
    }
    byte[] bytes = byId ? documents.content(userId, req.documentId()).bytes() : decode(req);
    DocumentType type =
        DocumentType.detect(bytes)
            .filter(t -> t == DocumentType.PDF || t.category().equals("image"))
            .orElseThrow(
                () ->
                    Failure.of(
                        Failure.Kind.UNSUPPORTED_TYPE,
                        "unsupported_media_type",
                        "OCR reads PNG, JPEG, TIFF and PDF files"));
    long start = System.nanoTime();
    boolean ok = false;
    try {
      String id = byId ? req.documentId() : null;
      // OCR is the slowest work there is: on the bounded pool, never on a request thread.
      Result r =
          workers.run(
              () ->
                  type == DocumentType.PDF
                      ? pdf(id, bytes, language)
                      : image(id, bytes, language, preprocess));
      ok = true;
      return r;
    } finally {
      metrics.documentProcessing(type.category(), ok, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private Result image(String id, byte[] bytes, String language, boolean preprocess) {
    if (!preprocess) {
      // Preprocessing checks the size itself; unprocessed, tesseract would allocate every page.
      OcrPreprocess.tooLarge(bytes)
          .ifPresent(
              why -> {
                throw Failure.ruleBroken("image_too_large", why);
              });
    }
    byte[] input = preprocess ? OcrPreprocess.apply(bytes) : bytes;
    try {
      Ocr.Result r = ocr.recognise(input, language);
      return new Result(
          id,
          "image",
          language,
          preprocess,
          r.text(),
          r.confidence().orElse(null),
          r.text().isBlank() ? "not_extracted" : "extracted",
          r.text().isBlank() ? "no text was recognised" : null);
    } catch (Ocr.OcrUnavailable e) {
      throw Failure.unavailable("ocr_unavailable", e.getMessage());
    }
  }

  private Result pdf(String id, byte[] bytes, String language) {
    Extraction e = pdf.extract(bytes, true, language);
    if (e.status().equals("failed")) {
      throw Failure.ruleBroken(
          "unreadable_document", e.reason().orElse("the PDF could not be read"));
    }
    return new Result(
        id,
        "pdf",
        language,
        false,
        e.text(),
        e.ocrConfidence().orElse(null),
        e.status(),
        e.reason().orElse(null));
  }

  private String language(String requested) {
    String language =
        requested == null || requested.isBlank() ? Ocr.DEFAULT_LANGUAGE : requested.strip();
    if (!language.matches(LANGUAGE)) {
      throw Failure.invalid(
          "invalid_field", "language must be a tesseract code such as eng or eng+fra");
    }
    List<String> installed = ocr.languages();
    for (String l : language.split("\\+")) {
      if (!installed.isEmpty() && !installed.contains(l)) {
        throw Failure.ruleBroken(
            "unsupported_language",
            "no OCR data for " + l + "; installed: " + String.join(", ", installed));
      }
    }
    return language;
  }

  private byte[] decode(Request req) {
    // Base64 grows data by 4/3: refuse before decoding what cannot fit.
    if (req.base64Data().length() > (maxBytes + 2) / 3 * 4 + 1024) {
      throw tooLarge();
    }
    byte[] bytes = Base64Field.decode("base64_data", req.base64Data());
    if (bytes.length > maxBytes) {
      throw tooLarge();
    }
    if (bytes.length == 0) {
      throw Failure.invalid("invalid_field", "base64_data is empty");
    }
    return bytes;
  }

  private Failure tooLarge() {
    return Failure.of(
        Failure.Kind.TOO_LARGE,
        "payload_too_large",
        "base64_data is larger than " + maxBytes + " bytes");
  }
}
