package org.maiis.server.documents;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.http.Fields;
import org.maiis.server.http.Json;
import org.maiis.server.http.MultipartUpload;

/**
 * The /api/documents routes.
 *
 * @param documents the caller's documents
 * @param ocr the OCR route's service
 * @param authenticator who calls
 * @param maxUploadBytes largest accepted file; larger ones get 413
 * @param bodies reads the request bodies
 */
public record DocumentController(
    DocumentService documents,
    DocumentOcr ocr,
    Authenticator authenticator,
    long maxUploadBytes,
    Bodies bodies) {
  // Room for the multipart boundaries and part headers around the file itself.
  private static final long MULTIPART_OVERHEAD = 64 * 1024;

  /** Routes over {@code documents}, files up to {@code maxUploadBytes}. */
  public DocumentController(
      DocumentService documents,
      DocumentOcr ocr,
      Authenticator authenticator,
      long maxUploadBytes) {
    // base64_data is one long string; the request body limit (1 MiB) still bounds it.
    this(documents, ocr, authenticator, maxUploadBytes, new Bodies(Json.base64Mapper()));
  }

  /** The largest multipart request the server must accept for an upload at the limit. */
  public static long maxRequestBytes(long maxUploadBytes) {
    return maxUploadBytes + MULTIPART_OVERHEAD;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/api/documents/upload", ErrorResponses.handled(this::upload));
    routes.post(
        "/api/documents/ocr",
        ErrorResponses.handled(
            ctx -> {
              String user = authenticator.userId(ctx);
              ctx.json(ocr.run(user, bodies.read(ctx, DocumentOcr.Request.class)));
            }));
    routes.get(
        "/api/documents",
        ErrorResponses.handled(ctx -> ctx.json(documents.list(authenticator.userId(ctx)))));
    routes.get(
        "/api/documents/{id}",
        ErrorResponses.handled(
            ctx -> ctx.json(documents.get(authenticator.userId(ctx), ctx.pathParam("id")))));
    routes.delete(
        "/api/documents/{id}",
        ErrorResponses.handled(
            ctx -> {
              documents.delete(authenticator.userId(ctx), ctx.pathParam("id"));
              ctx.json(Map.of("deleted", true, "id", ctx.pathParam("id")));
            }));
  }

  private void upload(Context ctx) {
    String user = authenticator.userId(ctx);
    boolean ocr = flag(ctx, "process_ocr", true);
    boolean ingest = flag(ctx, "ingest_to_kb", false);
    MultipartUpload.File file =
        MultipartUpload.read(ctx, "file", "file", maxUploadBytes, maxRequestBytes(maxUploadBytes));
    ctx.status(201).json(documents.upload(user, file.filename(), file.bytes(), ocr, ingest));
  }

  private static boolean flag(Context ctx, String name, boolean def) {
    String v = Fields.query(ctx, name);
    if (v == null || v.isBlank()) {
      return def;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw Failure.invalid("invalid_field", name + " must be true or false");
    };
  }
}
