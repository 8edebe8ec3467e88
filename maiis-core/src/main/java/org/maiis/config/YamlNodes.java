package org.maiis.config;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** What a YAML node is, in the words a config error uses. */
final class YamlNodes {
  private YamlNodes() {}

  /** Whether {@code n} means "no value": null, an empty value, or a plain ~ / Null / NULL. */
  static boolean isNull(Node n) {
    if (!(n instanceof ScalarNode s)) {
      return false;
    }
    if (Tag.NULL.equals(s.getTag())) {
      return true;
    }
    // The JSON schema snakeyaml-engine resolves with knows only "null"; YAML 1.2's core schema, and
    // every YAML user, also write a plain ~ (or Null, NULL) for "no value".
    return s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN
        && Tag.STR.equals(s.getTag())
        && java.util.List.of("~", "Null", "NULL").contains(s.getValue());
  }

  /** "a mapping", "a list", "nothing" or "a single value". */
  static String describe(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(n)) {
      return "nothing";
    }
    return "a single value";
  }
}
