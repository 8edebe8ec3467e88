package org.maiis.acme;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.maiis.files.AtomicFiles;

/** Reads and atomically writes the store's JSON files (renewal settings, state, accounts). */
final class JsonFiles {
  private JsonFiles() {}

  static final ObjectMapper MAPPER = mapper();

  static <T> Optional<T> read(Path file, Class<T> type) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readValue(file.toFile(), type));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": unreadable (" + e.getOriginalMessage() + ")", e);
    }
  }

  static void write(Path file, Object value) throws IOException {
    VersionFiles.createPrivateDirs(file.getParent());
    AtomicFiles.write(file, MAPPER.writeValueAsBytes(value), AtomicFiles.PRIVATE);
  }

  private static ObjectMapper mapper() {
    SimpleModule text = new SimpleModule("instants");
    // Instants as ISO-8601 text; paths as plain absolute strings, readable in the renewal file
    // (Jackson's default for a Path is a URI).
    asText(text, Instant.class, Instant::parse);
    asText(text, Path.class, Path::of);
    return new ObjectMapper()
        .registerModule(text)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** Writes {@code type} as its toString() and reads it back with {@code parse}. */
  private static <T> void asText(SimpleModule m, Class<T> type, Function<String, T> parse) {
    m.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(v.toString());
          }
        });
    m.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return parse.apply(p.getValueAsString());
          }
        });
  }
}
