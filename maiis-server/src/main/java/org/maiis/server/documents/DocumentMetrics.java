package org.maiis.server.documents;

import java.time.Duration;
import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/**
 * What document processing records. The methods do nothing by default, so {@link #NONE} records
 * nothing.
 */
public interface DocumentMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  DocumentMetrics NONE = new DocumentMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static DocumentMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<DocumentMetrics>map(
            m ->
                new DocumentMetrics() {
                  @Override
                  public void documentProcessing(String docType, boolean succeeded, Duration took) {
                    m.documentProcessing(docType, succeeded, took);
                  }

                  @Override
                  public void ocr(Duration took) {
                    m.ocr(took);
                  }

                  @Override
                  public void fileUpload(String fileType, boolean succeeded, long bytes) {
                    m.fileUpload(fileType, succeeded, bytes);
                  }
                })
        .orElse(NONE);
  }

  /** A processed document by type (pdf, image, text, word), outcome and duration. */
  default void documentProcessing(String docType, boolean succeeded, Duration took) {}

  /** One OCR run (an image or a scanned page). */
  default void ocr(Duration took) {}

  /** An upload by type, outcome and size. */
  default void fileUpload(String fileType, boolean succeeded, long bytes) {}
}
