package org.maiis.server.rag.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maiis.testing.JsonReplies;

/**
 * A local server speaking the part of Qdrant's REST API the store uses, with Qdrant's behaviour:
 * collections with a vector size, points upserted by id, cosine search with {@code must} filters
 * ({@code match.value} / {@code match.any}), deletion by filter, 404 for unknown collections, 400
 * for a wrong vector size. Every request is recorded for field-by-field checks.
 */
public final class FakeQdrant implements AutoCloseable {
  /**
   * A recorded request.
   *
   * @param method HTTP method
   * @param path path and query
   * @param apiKey the api-key header, or null
   * @param body the JSON body, or null
   */
  public record Request(String method, String path, String apiKey, JsonNode body) {
    /** The match of the first {@code must} condition of the body's filter. */
    public JsonNode firstMatch() {
      return body.path("filter").path("must").get(0).path("match");
    }
  }

  private record Point(float[] vector, JsonNode payload) {}

  private record Collection(int size, String distance, Map<String, Point> points) {}

  private static final Pattern COLLECTION =
      Pattern.compile(
          "/collections/([A-Za-z0-9_-]+)(/index|/points|/points/search|/points/delete)?");
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, Collection> collections = new ConcurrentHashMap<>();

  /** Requests received, in order. */
  public final List<Request> requests = new CopyOnWriteArrayList<>();

  /** Indexed payload fields by collection and field name, with their schema. */
  public final Map<String, String> payloadIndexes = new ConcurrentHashMap<>();

  /** When true every request answers 503. */
  public volatile boolean down;

  /** The last request whose path (and query) ends with {@code suffix}. */
  public Request last(String suffix) {
    return requests.stream()
        .filter(r -> r.path().endsWith(suffix))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no request to *" + suffix + ": " + requests));
  }

  /** Starts on a free loopback port. */
  public FakeQdrant() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Its base URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The points of {@code collection} (0 when it does not exist). */
  public int points(String collection) {
    Collection c = collections.get(collection);
    return c == null ? 0 : c.points().size();
  }

  /** Adds a point directly, as another writer would. */
  public void put(String collection, String id, float[] vector, JsonNode payload) {
    collections.get(collection).points().put(id, new Point(vector, payload));
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      byte[] raw = ex.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? null : mapper.readTree(raw);
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getRawQuery();
      requests.add(
          new Request(
              ex.getRequestMethod(),
              path + (query == null ? "" : "?" + query),
              ex.getRequestHeaders().getFirst("api-key"),
              body));
      if (down) {
        JsonReplies.send(ex, 503, "{\"status\":{\"error\":\"unavailable\"}}");
        return;
      }
      route(ex, ex.getRequestMethod(), path, body);
    } catch (RuntimeException e) {
      JsonReplies.send(
          ex, 400, "{\"status\":{\"error\":\"" + e.getClass().getSimpleName() + "\"}}");
    }
  }

  private void route(HttpExchange ex, String method, String path, JsonNode body)
      throws IOException {
    if (path.equals("/readyz") && method.equals("GET")) {
      JsonReplies.send(ex, 200, "all shards are ready");
      return;
    }
    Matcher m = COLLECTION.matcher(path);
    if (!m.matches()) {
      JsonReplies.send(ex, 404, "{}");
      return;
    }
    String name = m.group(1);
    String rest = m.group(2) == null ? "" : m.group(2);
    Collection c = collections.get(name);
    if (rest.isEmpty() && method.equals("PUT")) {
      JsonNode v = body.path("vectors");
      collections.put(
          name,
          new Collection(
              v.path("size").asInt(), v.path("distance").asText(), new ConcurrentHashMap<>()));
      ok(ex, mapper.getNodeFactory().booleanNode(true));
      return;
    }
    if (c == null) {
      JsonReplies.send(
          ex, 404, "{\"status\":{\"error\":\"Collection `" + name + "` doesn't exist!\"}}");
      return;
    }
    switch (method + " " + rest) {
      case "GET " -> {
        ObjectNode r = mapper.createObjectNode();
        r.put("status", "green").put("points_count", c.points().size());
        r.putObject("config").putObject("params").putObject("vectors").put("size", c.size());
        ok(ex, r);
      }
      case "PUT /index" -> {
        payloadIndexes.put(
            name + "." + body.path("field_name").asText(), body.path("field_schema").asText());
        ok(ex, mapper.createObjectNode().put("status", "acknowledged"));
      }
      case "PUT /points" -> {
        for (JsonNode p : body.path("points")) {
          float[] v = floats(p.path("vector"));
          if (v.length != c.size()) {
            JsonReplies.send(
                ex, 400, "{\"status\":{\"error\":\"Wrong input: Vector dimension error\"}}");
            return;
          }
          c.points().put(p.path("id").asText(), new Point(v, p.path("payload")));
        }
        ok(ex, mapper.createObjectNode().put("status", "completed"));
      }
      case "POST /points/delete" -> {
        c.points().values().removeIf(p -> matches(body.path("filter"), p.payload()));
        ok(ex, mapper.createObjectNode().put("status", "completed"));
      }
      case "POST /points/search" -> {
        float[] q = floats(body.path("vector"));
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        c.points()
            .forEach(
                (id, p) -> {
                  if (matches(body.path("filter"), p.payload())) {
                    scored.add(Map.entry(id, cosine(q, p.vector())));
                  }
                });
        scored.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        ArrayNode result = mapper.createArrayNode();
        for (var e : scored.subList(0, Math.min(body.path("limit").asInt(10), scored.size()))) {
          ObjectNode hit = result.addObject();
          hit.put("id", e.getKey()).put("version", 1).put("score", e.getValue());
          if (body.path("with_payload").asBoolean(false)) {
            hit.set("payload", c.points().get(e.getKey()).payload());
          }
        }
        ok(ex, result);
      }
      default -> JsonReplies.send(ex, 404, "{}");
    }
  }

  private static boolean matches(JsonNode filter, JsonNode payload) {
    for (JsonNode cond : filter.path("must")) {
      JsonNode value = payload.path(cond.path("key").asText());
      JsonNode match = cond.path("match");
      if (match.has("value")) {
        if (!match.path("value").asText().equals(value.asText())) {
          return false;
        }
      } else if (match.has("any")) {
        boolean any = false;
        for (JsonNode a : match.path("any")) {
          any |= a.asText().equals(value.asText());
        }
        if (!any) {
          return false;
        }
      } else {
        throw new IllegalArgumentException("unsupported condition");
      }
    }
    return true;
  }

  private static float[] floats(JsonNode array) {
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).floatValue();
    }
    return v;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  private void ok(HttpExchange ex, JsonNode result) throws IOException {
    ObjectNode r = mapper.createObjectNode();
    r.set("result", result);
    r.put("status", "ok").put("time", 0.001);
    JsonReplies.send(ex, 200, mapper.writeValueAsString(r));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
