package org.maiis.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maiis.server.failure.Failure;

/** Reads JSON request bodies into records, turning every kind of bad input into a 4xx. */
public final class Bodies {
  /** Largest request body accepted (JSON API): 1 MiB. */
  public static final long MAX_BODY_BYTES = 1 << 20;

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

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
      throw Failure.of(
          Failure.Kind.UNSUPPORTED_TYPE,
          "unsupported_media_type",
          "the request body must be application/json");
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw Failure.invalid("malformed_json", "the request body is empty");
    }
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw Failure.invalid("malformed_json", "the request body must be a JSON object");
      }
      return value;
    } catch (MismatchedInputException e) {
      String field = fieldOf(e);
      throw Failure.invalid(
          "invalid_field",
          field.isEmpty() ? "the request body has the wrong shape" : field + " has the wrong type");
    } catch (JsonProcessingException e) {
      if (has(e, InputCoercionException.class)) {
        // 10000000000 for an int field: a number, but not one the field can hold.
        String field = fieldOf(e);
        throw Failure.invalid(
            "invalid_field", (field.isEmpty() ? "a number" : field) + " is out of range");
      }
      if (has(e, StreamConstraintsException.class)) {
        // Valid JSON beyond Json's read limits: say which limits, not "not valid JSON".
        String field = fieldOf(e);
        throw Failure.invalid(
            "invalid_field",
            (field.isEmpty() ? "the request body" : field)
                + " exceeds the limits of a request: strings of at most "
                + Json.MAX_STRING_LENGTH
                + " characters, numbers of at most "
                + Json.MAX_NUMBER_LENGTH
                + " digits, "
                + Json.MAX_NESTING_DEPTH
                + " levels of nesting");
      }
      String duplicate = duplicateField(e);
      if (duplicate != null) {
        throw Failure.invalid("invalid_field", duplicate + " is given more than once");
      }
      throw Failure.invalid("malformed_json", "the request body is not valid JSON");
    } catch (java.io.IOException e) {
      throw Failure.invalid("malformed_json", "the request body could not be read");
    }
  }

  /**
   * The field a parse failure found twice in one object ({@code {"a": 1, "a": 2}}: Json's mapper
   * refuses it), else null.
   */
  public static String duplicateField(Throwable e) {
    JsonParseException p = cause(e, JsonParseException.class);
    Matcher m = p == null ? null : DUPLICATE.matcher(p.getOriginalMessage());
    return m != null && m.matches() ? m.group(1) : null;
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    return cause(e, type) != null;
  }

  // Databind wraps the parser's exceptions when they happen inside a record.
  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String fieldOf(JsonProcessingException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      // conversation_history[0].content, not conversation_history.[0].content
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
        } else {
          path.append('[').append(r.getIndex()).append(']');
        }
      }
      return path.toString();
    }
    if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
      String name = p.getParsingContext().getCurrentName();
      return name == null ? "" : name;
    }
    return "";
  }
}
