package org.maiis.server.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The kinds of document accepted, recognised from their content (magic bytes), never from the
 * client's filename or Content-Type, which anyone can set to anything.
 */
public enum DocumentType {
  PDF("application/pdf", "pdf"),
  PNG("image/png", "image"),
  JPEG("image/jpeg", "image"),
  TIFF("image/tiff", "image"),
  TEXT("text/plain", "text"),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word");

  private final String mime;
  private final String category;

  DocumentType(String mime, String category) {
    this.mime = mime;
    this.category = category;
  }

  /** The MIME type reported for documents of this kind. */
  public String mime() {
    return mime;
  }

  /** pdf, image, text or word: the metrics' doc_type and the API's document_type. */
  public String category() {
    return category;
  }

  /** The type of {@code bytes}, or empty when it is none of the accepted kinds. */
  public static Optional<DocumentType> detect(byte[] bytes) {
    if (startsWith(bytes, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of(PDF);
    }
    if (startsWith(bytes, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
      return Optional.of(PNG);
    }
    if (startsWith(bytes, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
      return Optional.of(JPEG);
    }
    if (startsWith(bytes, new byte[] {'I', 'I', 42, 0})
        || startsWith(bytes, new byte[] {'M', 'M', 0, 42})) {
      return Optional.of(TIFF);
    }
    if (startsWith(bytes, new byte[] {'P', 'K', 3, 4})) {
      return isDocx(bytes) ? Optional.of(DOCX) : Optional.empty();
    }
    return isText(bytes) ? Optional.of(TEXT) : Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  // A DOCX is a zip holding word/document.xml; other zips (xlsx, jars, archives) are refused.
  private static boolean isDocx(byte[] bytes) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("word/document.xml")) {
          return true;
        }
      }
      return false;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  // Plain text: valid UTF-8 without NUL or other control characters besides tab, CR, LF, FF.
  private static boolean isText(byte[] bytes) {
    if (bytes.length == 0) {
      return false;
    }
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return s.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f');
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
