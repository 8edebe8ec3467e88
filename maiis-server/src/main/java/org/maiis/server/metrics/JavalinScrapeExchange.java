package org.maiis.server.metrics;

import io.javalin.http.Context;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Lets client_java's scrape handler (content negotiation, gzip, {@code name[]} filters) answer a
 * Javalin request. The body goes to the servlet stream directly: the scrape handler compresses
 * itself, Javalin must not compress again.
 */
final class JavalinScrapeExchange implements PrometheusHttpExchange {
  private final Context ctx;

  JavalinScrapeExchange(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public PrometheusHttpRequest getRequest() {
    return new PrometheusHttpRequest() {
      @Override
      public String getQueryString() {
        return ctx.queryString();
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        Enumeration<String> h = ctx.req().getHeaders(name);
        return h == null ? Collections.emptyEnumeration() : h;
      }

      @Override
      public String getMethod() {
        return ctx.method().name();
      }

      @Override
      public String getRequestPath() {
        return ctx.path();
      }
    };
  }

  @Override
  public PrometheusHttpResponse getResponse() {
    return new PrometheusHttpResponse() {
      @Override
      public void setHeader(String name, String value) {
        ctx.header(name, value);
      }

      @Override
      public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength)
          throws IOException {
        ctx.status(statusCode);
        if (contentLength > 0) {
          ctx.res().setContentLength(contentLength);
        }
        return ctx.res().getOutputStream();
      }
    };
  }

  @Override
  public void handleException(IOException e) throws IOException {
    throw e;
  }

  @Override
  public void handleException(RuntimeException e) {
    throw e;
  }

  @Override
  public void close() {
    try {
      ctx.res().getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
