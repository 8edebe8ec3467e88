package org.maiis.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/**
 * The {@code --json} output of a command: one indented JSON document on stdout. Documents are built
 * from maps with a fixed key order (LinkedHashMap), so the output is stable for scripts.
 */
public final class JsonOutput {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  /** Prints {@code doc} as indented JSON and a newline. */
  public static void print(PrintWriter out, Object doc) {
    try {
      out.println(MAPPER.writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON output", e);
    }
  }
}
