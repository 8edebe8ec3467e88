package org.maiis.server.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.platform.ServerModule;

/**
 * The OpenAPI document (a resource kept beside the code, checked against the registered routes by a
 * test) and Swagger UI from the webjar, at {@code /api/docs}.
 */
public final class ApiDocs implements ServerModule {
  /** Classpath location of the OpenAPI document. */
  public static final String RESOURCE = "/org/maiis/server/openapi.yaml";

  private final String json;
  private final String yaml;
  private final String page;

  /** Loads the document once. */
  public ApiDocs() {
    this.yaml = read(RESOURCE);
    try {
      JsonNode doc = new YAMLMapper().readTree(yaml);
      this.json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document is not valid YAML", e);
    }
    String ui = "/webjars/swagger-ui/" + swaggerUiVersion();
    this.page =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>maiis API</title>"
            + "<link rel=\"stylesheet\" href=\""
            + ui
            + "/swagger-ui.css\"></head>\n"
            + "<body><div id=\"swagger-ui\"></div>"
            + "<script src=\""
            + ui
            + "/swagger-ui-bundle.js\"></script>"
            + "<script src=\"/api/docs/init.js\"></script></body></html>\n";
  }

  /** Registers /api/docs (UI), /api/docs/openapi.json and /api/docs/openapi.yaml. */
  @Override
  public void routes(RoutesConfig routes) {
    routes.get("/api/docs", ErrorResponses.handled(ctx -> ctx.html(page)));
    // Inline scripts would need a looser Content-Security-Policy; a tiny script file does not.
    routes.get(
        "/api/docs/init.js",
        ErrorResponses.handled(
            ctx ->
                ctx.contentType("text/javascript")
                    .result(
                        "window.ui = SwaggerUIBundle({url: '/api/docs/openapi.json',"
                            + " dom_id: '#swagger-ui'});\n")));
    routes.get(
        "/api/docs/openapi.json",
        ErrorResponses.handled(ctx -> ctx.contentType("application/json").result(json)));
    routes.get(
        "/api/docs/openapi.yaml",
        ErrorResponses.handled(ctx -> ctx.contentType("application/yaml").result(yaml)));
  }

  private static String swaggerUiVersion() {
    Properties p = new Properties();
    try (InputStream in =
        ApiDocs.class.getResourceAsStream(
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static String read(String resource) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
