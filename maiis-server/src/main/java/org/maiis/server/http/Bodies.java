package org.maiis.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads JSON request bodies into records, turning every kind of bad input into a 4xx. */
public final class Bodies {
  private final ObjectMapper mapper;

  /** Reads bodies with {@code mapper}. */
  public Bodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The body as {@code type}: 415 unless it is JSON, 413 when too large (Javalin's limit), 400 when
   * malformed or a field has the wrong type.
   */
  public <T> T read(Context ctx, Class<T> type) {
    String contentType = ctx.contentType();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      throw new ApiException(
          415, "unsupported_media_type", "the request body must be application/json");
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("malformed_json", "the request body is empty");
    }
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw ApiException.badRequest("malformed_json", "the request body must be a JSON object");
      }
      return value;
    } catch (MismatchedInputException e) {
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw ApiException.badRequest(
          "invalid_field",
          field.isEmpty() ? "the request body has the wrong shape" : field + " has the wrong type");
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed_json", "the request body is not valid JSON");
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("malformed_json", "the request body could not be read");
    }
  }
}
