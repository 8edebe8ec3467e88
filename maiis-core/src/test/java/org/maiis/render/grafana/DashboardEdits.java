package org.maiis.render.grafana;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Rendered files with one dashboard broken on purpose, for the check's negative tests. */
final class DashboardEdits {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardEdits() {}

  /**
   * The files of {@link RenderConfigs#allJobs()} with {@code edit} applied to dashboard {@code
   * uid}.
   */
  static Map<String, String> withEdit(String uid, Consumer<ObjectNode> edit) {
    Map<String, String> files =
        new LinkedHashMap<>(GrafanaRenderer.render(RenderConfigs.allJobs()));
    String path = GrafanaRenderer.dashboardFile(uid);
    try {
      ObjectNode d = (ObjectNode) JSON.readTree(files.get(path));
      edit.accept(d);
      files.put(path, JSON.writeValueAsString(d));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Panel at {@code index} (0-based) of a dashboard tree. */
  static ObjectNode panel(ObjectNode dashboard, int index) {
    return (ObjectNode) dashboard.path("panels").get(index);
  }

  /** The first query of panel {@code index}. */
  static ObjectNode target(ObjectNode dashboard, int index) {
    return (ObjectNode) panel(dashboard, index).path("targets").get(0);
  }
}
