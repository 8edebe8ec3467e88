package org.maiis.server.documents;

/** A document's text is longer than {@code server.documents.max_extracted_chars}. */
final class TextTooLong extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TextTooLong(long maxChars) {
    super(
        "the document's text is longer than "
            + maxChars
            + " characters (server.documents.max_extracted_chars)",
        null,
        false,
        false);
  }
}
