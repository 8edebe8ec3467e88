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
    CertificateStore.createPrivateDirs(file.getParent());
    AtomicFiles.write(file, MAPPER.writeValueAsBytes(value), AtomicFiles.PRIVATE);
  }

  private static ObjectMapper mapper() {
    SimpleModule time = new SimpleModule("instants");
    time.addSerializer(
        Instant.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Instant v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeString(v.toString());
          }
        });
    time.addDeserializer(
        Instant.class,
        new JsonDeserializer<>() {
          @Override
          public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return Instant.parse(p.getValueAsString());
          }
        });
    // Paths as plain absolute strings, readable in the renewal file (Jackson's default is a URI).
    time.addSerializer(
        Path.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Path v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(v.toString());
          }
        });
    time.addDeserializer(
        Path.class,
        new JsonDeserializer<>() {
          @Override
          public Path deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return Path.of(p.getValueAsString());
          }
        });
    return new ObjectMapper()
        .registerModule(time)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
