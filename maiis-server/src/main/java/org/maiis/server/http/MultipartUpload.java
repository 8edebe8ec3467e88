package org.maiis.server.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import org.maiis.server.failure.Failure;

/**
 * One file field of a multipart request, read within a size limit: refused before the body is read
 * when the declared length is too large, and again while reading when it was not declared.
 */
public final class MultipartUpload {
  /**
   * The file read.
   *
   * @param filename the name the client gave it
   * @param bytes its content, never empty
   */
  public record File(String filename, byte[] bytes) {}

  private MultipartUpload() {}

  /**
   * Reads {@code field} of {@code ctx}'s multipart body.
   *
   * @param noun what the file is, for messages ("file", "audio")
   * @param maxFileBytes largest file accepted (413 beyond)
   * @param maxRequestBytes largest request body accepted (the file plus its multipart framing)
   * @throws Failure 415 when the body is not multipart, 400 when malformed, without the field or
   *     empty, 413 when too large
   */
  public static File read(
      Context ctx, String field, String noun, long maxFileBytes, long maxRequestBytes) {
    if (!ctx.isMultipartFormData()) {
      throw Failure.of(
          Failure.Kind.UNSUPPORTED_TYPE,
          "unsupported_media_type",
          "the " + noun + " must be sent as multipart/form-data");
    }
    if (ctx.contentLength() > maxRequestBytes) {
      throw tooLarge(noun, maxFileBytes);
    }
    UploadedFile file;
    try {
      file = ctx.uploadedFile(field);
      ctx.formParamMap();
    } catch (Exception e) {
      // Jetty refuses a multipart body beyond the configured size while parsing it; a body that
      // fails to parse otherwise is malformed, whether its length was declared or not (chunked).
      // Jetty's parse errors arrive as a ServletException that Javalin (Kotlin) rethrows
      // undeclared, so catch every Exception.
      if (sizeExceeded(e) || ctx.contentLength() > maxFileBytes) {
        throw tooLarge(noun, maxFileBytes);
      }
      throw Failure.invalid("invalid_field", "the multipart body is malformed");
    }
    if (file == null) {
      throw Failure.invalid("invalid_field", field + " is required (multipart field)");
    }
    // One file per request: a second would be dropped behind a 2xx the client reads as both.
    if (ctx.uploadedFiles(field).size() > 1) {
      throw Failure.invalid("invalid_field", field + " is given more than once");
    }
    if (file.size() > maxFileBytes) {
      throw tooLarge(noun, maxFileBytes);
    }
    byte[] bytes;
    try (InputStream in = file.content()) {
      bytes = in.readNBytes((int) maxFileBytes + 1);
    } catch (IOException e) {
      throw Failure.invalid("invalid_field", "the " + noun + " could not be read");
    }
    if (bytes.length > maxFileBytes) {
      throw tooLarge(noun, maxFileBytes);
    }
    if (bytes.length == 0) {
      throw Failure.invalid("invalid_field", "the " + noun + " is empty");
    }
    return new File(file.filename(), bytes);
  }

  /**
   * The one value of the text field {@code name} of a multipart body already read by {@link #read},
   * or null when absent; 400 when it is given more than once.
   */
  public static String field(Context ctx, String name) {
    return Fields.one(name, ctx.formParams(name));
  }

  // Jetty's multipart parser says "max length exceeded: N" (the whole body) or "max file size
  // exceeded: N" (one part) in an IllegalStateException somewhere in the cause chain.
  private static boolean sizeExceeded(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (c instanceof IllegalStateException
          && m != null
          && (m.startsWith("max length exceeded") || m.startsWith("max file size exceeded"))) {
        return true;
      }
    }
    return false;
  }

  private static Failure tooLarge(String noun, long maxFileBytes) {
    return Failure.of(
        Failure.Kind.TOO_LARGE,
        "payload_too_large",
        "the " + noun + " is larger than " + maxFileBytes + " bytes");
  }
}
