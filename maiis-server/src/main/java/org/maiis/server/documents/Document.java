package org.maiis.server.documents;

import java.time.OffsetDateTime;

/**
 * An uploaded document as the API shows it. The stored object's name stays internal.
 *
 * @param id document id
 * @param filename the client's filename, for display only (never used as a path)
 * @param sizeBytes file size
 * @param mimeType the type detected from the content
 * @param documentType pdf, image, text or word
 * @param extractionStatus extracted, partial, not_extracted or failed (see {@link Extraction})
 * @param extractionReason why extraction is not complete, when it is not
 * @param ocrConfidence mean OCR word confidence 0-100, when OCR read words
 * @param textLength characters of extracted text
 * @param isIndexed whether the text is in the caller's knowledge base
 * @param chunkCount chunks in the knowledge base
 * @param createdAt upload time
 * @param extractedText the text; only on the single-document view
 */
public record Document(
    String id,
    String filename,
    long sizeBytes,
    String mimeType,
    String documentType,
    String extractionStatus,
    String extractionReason,
    Double ocrConfidence,
    int textLength,
    boolean isIndexed,
    int chunkCount,
    OffsetDateTime createdAt,
    String extractedText) {

  /** The same document without its text, for lists. */
  public Document summary() {
    return new Document(
        id,
        filename,
        sizeBytes,
        mimeType,
        documentType,
        extractionStatus,
        extractionReason,
        ocrConfidence,
        textLength,
        isIndexed,
        chunkCount,
        createdAt,
        null);
  }
}
