package org.maiis.server.metrics;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletApiResponse;
import org.eclipse.jetty.server.Response;

/** How many body bytes a response put on the wire (after compression), or -1 when unknown. */
final class ResponseBytes {
  private ResponseBytes() {}

  static long of(Context ctx) {
    if (ctx.res() instanceof ServletApiResponse api) {
      return Response.getContentBytesWritten(api.getResponse());
    }
    String length = ctx.res().getHeader("Content-Length");
    if (length != null) {
      try {
        return Long.parseLong(length);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }
}
