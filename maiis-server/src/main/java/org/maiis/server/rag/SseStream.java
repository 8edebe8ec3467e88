package org.maiis.server.rag;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events response written as it is produced. The response starts (status 200, the SSE
 * headers) only with the first event, so a failure before any output can still answer with a JSON
 * error and its status.
 */
final class SseStream {
  private final Context ctx;
  private OutputStream out;

  SseStream(Context ctx) {
    this.ctx = ctx;
  }

  /** Whether the response has started. */
  boolean started() {
    return out != null;
  }

  /** A {@code data:} event; a multi-line chunk becomes several data lines, as SSE requires. */
  void data(String chunk) {
    write(null, chunk);
  }

  /** A named event (clients listening for unnamed messages skip it). */
  void event(String name, String data) {
    write(name, data);
  }

  /** The end marker of the original API: {@code data: [DONE]}. */
  void done() {
    write(null, "[DONE]");
  }

  private void write(String name, String data) {
    StringBuilder event = new StringBuilder();
    if (name != null) {
      event.append("event: ").append(name).append('\n');
    }
    for (String line : data.split("\r\n|\r|\n", -1)) {
      event.append("data: ").append(line).append('\n');
    }
    event.append('\n');
    try {
      if (out == null) {
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache, no-store");
        // nginx: pass each event on at once.
        ctx.res().setHeader("X-Accel-Buffering", "no");
        ctx.res().setHeader("X-Content-Type-Options", "nosniff");
        out = ctx.res().getOutputStream();
      }
      out.write(event.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // The client went away; the caller stops producing.
      throw new UncheckedIOException(e);
    }
  }
}
