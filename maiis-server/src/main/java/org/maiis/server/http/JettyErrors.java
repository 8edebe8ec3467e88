package org.maiis.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches the API (headers too large, a malformed URI
 * or request line): the API's JSON error shape instead of Jetty's HTML page, and never a stack
 * trace or an echo of the request.
 */
public final class JettyErrors extends ErrorHandler {
  private static final long RETRY_AFTER_SECONDS = 5;
  private final ObjectMapper mapper;

  /** Writes error bodies with {@code mapper}. */
  public JettyErrors(ObjectMapper mapper) {
    this.mapper = mapper;
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    // Jetty answers 503 itself when a request waited too long for its turn (Admission) or the
    // server is stopping: both mean "retry shortly", said the way the API says it.
    boolean busy = code == 503;
    if (busy) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    byte[] body;
    try {
      body =
          mapper.writeValueAsBytes(
              ErrorBody.of(busy ? "busy" : ErrorResponses.codeFor(code), messageFor(code)));
    } catch (JsonProcessingException e) {
      throw new IOException(e);
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** Jetty's own message can quote the request; a fixed one per status cannot. */
  static String messageFor(int code) {
    return switch (code) {
      case 400 -> "the request is malformed";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "the request body is too large";
      case 414 -> "the request URI is too long";
      case 431 -> "the request headers are too large";
      case 503 -> "the server is busy; retry in a few seconds";
      default -> code >= 500 ? "internal error" : "the request was refused";
    };
  }
}
