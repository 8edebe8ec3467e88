package org.maiis.server.documents;

import java.util.Optional;

/**
 * The text taken from a document.
 *
 * @param text the text (may be empty)
 * @param ocrConfidence mean OCR word confidence 0-100, when OCR produced words
 * @param status {@code extracted} (all text obtained), {@code partial} (some pages or images could
 *     not be read), {@code not_extracted} (no text could be obtained) or {@code failed} (the file
 *     is unreadable)
 * @param reason why the status is not {@code extracted}
 */
public record Extraction(
    String text, Optional<Double> ocrConfidence, String status, Optional<String> reason) {

  static Extraction complete(String text, Optional<Double> confidence) {
    return new Extraction(text, confidence, "extracted", Optional.empty());
  }

  static Extraction failed(String reason) {
    return new Extraction("", Optional.empty(), "failed", Optional.of(reason));
  }

  /** Whether extraction ended without a failure (text may still be partial). */
  public boolean succeeded() {
    return !status.equals("failed");
  }
}
