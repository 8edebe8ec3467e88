package org.maiis.server.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.auth.Principal;
import org.maiis.server.auth.Role;
import org.maiis.server.db.Sql;
import org.maiis.server.db.Transactions;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.http.Fields;
import org.maiis.server.rag.KnowledgeBase;
import org.maiis.server.work.Bulkhead;

/**
 * Admin ingest into the shared knowledge base, which every user's questions search: {@code POST
 * /api/chat/ingest} (text, stored as a text document owned by the admin) and {@code POST
 * /api/documents/ingest} (one of the admin's uploaded documents). 403 for other roles. An admin
 * cannot move another user's private document into the shared scope: only their own documents.
 *
 * @param tx the database's transactions
 * @param kb the knowledge base ingested into
 * @param documents where text ingests become documents
 * @param authenticator who calls
 * @param bodies reads the request bodies
 * @param workers where ingests run
 */
public record IngestController(
    Transactions tx,
    KnowledgeBase kb,
    DocumentService documents,
    Authenticator authenticator,
    Bodies bodies,
    Bulkhead workers) {
  /** Largest {@code chunk_size} accepted. */
  static final int MAX_CHUNK_SIZE = 4000;

  /** Smallest {@code chunk_size} accepted. */
  static final int MIN_CHUNK_SIZE = 100;

  // Jackson's string limit for bodies is 64 KiB; a longer text is rejected before this.
  private static final int MAX_TEXT = 65_536;

  /**
   * {@code POST /api/chat/ingest}.
   *
   * @param text the text to add
   * @param metadata optional; {@code title}, {@code filename} or {@code source} names the document
   * @param chunkSize characters per chunk (100–4000, default 500)
   * @param chunkOverlap characters shared by neighbouring chunks (under half the size, default 50)
   */
  public record TextIngest(
      String text, JsonNode metadata, Integer chunkSize, Integer chunkOverlap) {}

  /**
   * {@code POST /api/documents/ingest}.
   *
   * @param documentId one of the admin's documents
   * @param metadata accepted for compatibility, not stored
   * @param chunkSize as above
   * @param chunkOverlap as above
   */
  public record DocumentIngest(
      String documentId, JsonNode metadata, Integer chunkSize, Integer chunkOverlap) {}

  /**
   * The answer.
   *
   * @param documentId the document now in the shared knowledge base
   * @param chunks how many chunks it has
   * @param scope always {@code shared}
   */
  public record Ingested(String documentId, int chunks, String scope) {}

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/api/chat/ingest", ErrorResponses.handled(this::text));
    routes.post("/api/documents/ingest", ErrorResponses.handled(this::document));
  }

  private void text(Context ctx) {
    String admin = admin(ctx);
    TextIngest req = bodies.read(ctx, TextIngest.class);
    String text = text(req.text());
    int size = chunkSize(req.chunkSize());
    int overlap = overlap(req.chunkOverlap(), size);
    Document doc =
        documents.upload(
            admin, name(req.metadata()), text.getBytes(StandardCharsets.UTF_8), false, false);
    try {
      ctx.json(ingest(doc.id(), doc.extractedText(), size, overlap));
    } catch (RuntimeException e) {
      // The document exists only to be ingested: a failed ingest leaves nothing behind to retry.
      documents.delete(admin, doc.id());
      throw e;
    }
  }

  private void document(Context ctx) {
    String admin = admin(ctx);
    DocumentIngest req = bodies.read(ctx, DocumentIngest.class);
    String id = Fields.required("document_id", req.documentId(), 36);
    int size = chunkSize(req.chunkSize());
    int overlap = overlap(req.chunkOverlap(), size);
    Document doc = documents.get(admin, id);
    ctx.json(ingest(doc.id(), doc.extractedText(), size, overlap));
  }

  private Ingested ingest(String id, String text, int size, int overlap) {
    if (text == null || text.isBlank()) {
      throw Failure.ruleBroken("no_text", "the document has no extracted text to ingest");
    }
    KnowledgeBase.Prepared prepared =
        workers.run(() -> kb.prepare(KnowledgeBase.SHARED, text, size, overlap));
    kb.index(id, KnowledgeBase.SHARED, prepared);
    int chunks =
        tx.inTransaction(
            "document_chunks",
            c -> {
              int n = kb.store(c, id, KnowledgeBase.SHARED, prepared);
              Sql.update(
                  c, "UPDATE documents SET is_indexed = TRUE, chunk_count = ? WHERE id = ?", n, id);
              return n;
            });
    return new Ingested(id, chunks, KnowledgeBase.SHARED);
  }

  private String admin(Context ctx) {
    Principal p = authenticator.require(ctx);
    if (p.role() != Role.ADMIN) {
      throw Failure.forbidden("forbidden", "only an admin can ingest into the shared base");
    }
    return p.userId();
  }

  // Documents have lines: newlines and tabs pass, other control characters do not.
  private static String text(String value) {
    if (value == null || value.isBlank()) {
      throw Failure.invalid("invalid_field", "text is required");
    }
    if (value.length() > MAX_TEXT) {
      throw Failure.invalid("invalid_field", "text is longer than " + MAX_TEXT + " characters");
    }
    if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
      throw Failure.invalid("invalid_field", "text contains control characters");
    }
    return value.strip();
  }

  private static int chunkSize(Integer value) {
    int size = value == null ? KnowledgeBase.CHUNK_SIZE : value;
    if (size < MIN_CHUNK_SIZE || size > MAX_CHUNK_SIZE) {
      throw Failure.invalid(
          "invalid_field",
          "chunk_size must be between " + MIN_CHUNK_SIZE + " and " + MAX_CHUNK_SIZE);
    }
    return size;
  }

  private static int overlap(Integer value, int size) {
    int overlap = value == null ? Math.min(KnowledgeBase.CHUNK_OVERLAP, size / 2 - 1) : value;
    if (overlap < 0 || overlap >= size / 2) {
      throw Failure.invalid(
          "invalid_field", "chunk_overlap must be at least 0 and under half of chunk_size");
    }
    return overlap;
  }

  private static String name(JsonNode metadata) {
    if (metadata != null) {
      for (String field : new String[] {"title", "filename", "source"}) {
        JsonNode v = metadata.path(field);
        if (v.isTextual() && !v.asText().isBlank()) {
          String n = v.asText().strip();
          return n.length() > 200 ? n.substring(0, 200) : n;
        }
      }
    }
    return "ingested-text.txt";
  }
}
