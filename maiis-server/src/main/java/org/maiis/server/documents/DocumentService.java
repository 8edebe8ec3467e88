package org.maiis.server.documents;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.maiis.server.db.Transactions;
import org.maiis.server.failure.Failure;
import org.maiis.server.rag.KnowledgeBase;
import org.maiis.server.storage.ObjectStorage;
import org.maiis.server.work.Bulkhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads, lists and deletes a user's documents: the bytes in object storage under a generated
 * name, the row and extracted text in the database, the chunks in the knowledge base.
 */
public final class DocumentService {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentService.class);
  private final Transactions tx;
  private final Documents documents = new Documents();
  private final ObjectStorage storage;
  private final TextExtractor extractor;
  private final KnowledgeBase kb;
  private final Bulkhead workers;
  private final UploadQuota quota;
  private final Clock clock;
  private final DocumentMetrics metrics;

  /**
   * A service over these stores; extraction and embedding run on {@code workers}, uploads count
   * against {@code quota}.
   */
  public DocumentService(
      Transactions tx,
      ObjectStorage storage,
      TextExtractor extractor,
      KnowledgeBase kb,
      Bulkhead workers,
      UploadQuota quota,
      Clock clock,
      DocumentMetrics metrics) {
    this.tx = tx;
    this.storage = storage;
    this.extractor = extractor;
    this.kb = kb;
    this.workers = workers;
    this.quota = quota;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Stores an upload, extracts its text and, when asked, adds it to the owner's knowledge base. The
   * slow part (extraction, OCR, embedding) runs on the bounded worker pool before any transaction
   * opens; the transaction only writes rows.
   *
   * @param filename the client's filename, kept for display only
   * @return the document with its text
   */
  public Document upload(
      String userId, String filename, byte[] bytes, boolean useOcr, boolean ingest) {
    DocumentType type =
        DocumentType.detect(bytes)
            .orElseThrow(
                () ->
                    Failure.of(
                        Failure.Kind.UNSUPPORTED_TYPE,
                        "unsupported_media_type",
                        "the file is not a PDF, PNG, JPEG, TIFF, DOCX or UTF-8 text document"));
    UploadQuota.Reservation reserved = quota.reserve(userId, bytes.length);
    String objectName = null;
    try {
      Processed processed =
          workers.run(
              () -> {
                Extraction extraction = extractor.extract(type, bytes, useOcr);
                boolean index = ingest && !extraction.text().isBlank();
                return new Processed(
                    extraction, index ? kb.prepare(userId, extraction.text()) : null);
              });
      objectName = put(bytes);
      String id = UUID.randomUUID().toString();
      OffsetDateTime now =
          OffsetDateTime.now(clock)
              .withOffsetSameInstant(ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.MICROS);
      String stored = objectName;
      if (processed.chunks() != null) {
        kb.index(id, userId, processed.chunks());
      }
      tx.inTransaction(
          "documents",
          c -> {
            // The row first: the chunks reference it.
            documents.insert(
                c,
                id,
                userId,
                stored,
                displayName(filename),
                bytes.length,
                type,
                processed.extraction(),
                false,
                0,
                now);
            if (processed.chunks() != null) {
              documents.markIndexed(c, id, kb.store(c, id, userId, processed.chunks()));
            }
            return null;
          });
      metrics.fileUpload(type.category(), true, bytes.length);
      return get(userId, id);
    } catch (RuntimeException e) {
      quota.refund(reserved);
      if (objectName != null) {
        deleteQuietly(objectName);
      }
      if (!(e instanceof Failure a
          && a.kind() == Failure.Kind.UNAVAILABLE
          && "busy".equals(a.code()))) {
        metrics.fileUpload(type.category(), false, bytes.length);
      }
      throw e;
    }
  }

  private record Processed(Extraction extraction, KnowledgeBase.Prepared chunks) {}

  private String put(byte[] bytes) {
    try {
      return storage.put(bytes);
    } catch (IOException e) {
      throw Failure.unavailable("storage_unavailable", "the document store is unavailable");
    }
  }

  /** The caller's documents, newest first, without their text. */
  public List<Document> list(String userId) {
    return tx.run("select", "documents", c -> documents.ofUser(c, userId));
  }

  /** One of the caller's documents with its text; 404 for any other id. */
  public Document get(String userId, String id) {
    return tx.run("select", "documents", c -> documents.find(c, userId, id))
        .orElseThrow(DocumentService::notFound)
        .document();
  }

  /**
   * The stored bytes and type of one of the caller's documents; 404 for any other id, 503 when the
   * store is down.
   */
  public Stored content(String userId, String id) {
    Documents.Row row =
        tx.run("select", "documents", c -> documents.find(c, userId, id))
            .orElseThrow(DocumentService::notFound);
    try {
      return new Stored(row.document().documentType(), storage.get(row.objectName()));
    } catch (IOException e) {
      throw Failure.unavailable("storage_unavailable", "the document store is unavailable");
    }
  }

  /**
   * A stored document's bytes.
   *
   * @param documentType pdf, image, text or word
   * @param bytes the file
   */
  public record Stored(String documentType, byte[] bytes) {}

  /** Deletes the stored object, then the row, its text and its chunks; 404 for others' ids. */
  public void delete(String userId, String id) {
    Documents.Row row =
        tx.run("select", "documents", c -> documents.find(c, userId, id))
            .orElseThrow(DocumentService::notFound);
    try {
      // The object first: if the store is down the row stays, and a retry finishes the job.
      storage.delete(row.objectName());
    } catch (IOException e) {
      throw Failure.unavailable("storage_unavailable", "the document store is unavailable");
    }
    tx.inTransaction(
        "documents",
        c -> {
          kb.remove(c, id);
          documents.delete(c, id);
          return null;
        });
  }

  private void deleteQuietly(String objectName) {
    try {
      storage.delete(objectName);
    } catch (IOException e) {
      LOG.warn("could not remove the stored object of a failed upload: {}", e.getMessage());
    }
  }

  private static Failure notFound() {
    return Failure.notFound("not_found", "no such document");
  }

  // Only the last path segment, without control characters, at most 255 characters.
  static String displayName(String filename) {
    String name = filename == null ? "" : filename;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name =
        name.codePoints()
            .filter(cp -> !Character.isISOControl(cp))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    if (name.isEmpty()) {
      return "upload";
    }
    return name.length() > 255 ? name.substring(0, 255) : name;
  }
}
