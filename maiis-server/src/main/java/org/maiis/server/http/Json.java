package org.maiis.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The API's JSON conventions: snake_case fields, exact decimals, ISO-8601 instants. */
public final class Json {
  /** Longest string value a request body may hold. */
  static final int MAX_STRING_LENGTH = 65_536;

  /** Most digits a number in a request body may have. */
  static final int MAX_NUMBER_LENGTH = 40;

  /** Deepest nesting of arrays and objects in a request body. */
  static final int MAX_NESTING_DEPTH = 32;

  private Json() {}

  /** A mapper configured for the API. */
  public static ObjectMapper mapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // Money never passes through a double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            // Unknown fields are ignored so newer clients keep working; wrong types are errors.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // 150.5 for an integer field is a wrong type, not silently 150.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"amount": 1, "amount": 1000} is refused: a proxy or log that reads the first value
            // and the API that would read the last must never disagree about a request.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .addModule(new JavaTimeModule())
            .build();
    // A number or boolean where text is expected is a wrong type, not text: {"email": 5} and
    // {"full_name": true} are refused instead of being stored as "5" and "true".
    for (CoercionInputShape shape :
        new CoercionInputShape[] {
          CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    // Bounded nesting and string sizes: a hostile body cannot exhaust the stack or memory.
    return bounded(mapper, MAX_STRING_LENGTH);
  }

  /**
   * A mapper for bodies that carry a file as base64 (a document, a recording): one string may be as
   * long as the whole body, which {@link Bodies#MAX_BODY_BYTES} still bounds.
   */
  public static ObjectMapper base64Mapper() {
    return bounded(mapper(), (int) Bodies.MAX_BODY_BYTES);
  }

  private static ObjectMapper bounded(ObjectMapper mapper, int maxStringLength) {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(maxStringLength)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
    return mapper;
  }
}
