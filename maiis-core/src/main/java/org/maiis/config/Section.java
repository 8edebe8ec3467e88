package org.maiis.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A typed, located view of one YAML mapping. Every getter records the key as known, reports a
 * located problem for a bad value and returns the default instead, so binding always runs to the
 * end and reports every problem. {@link #done()} reports the keys nobody asked for.
 */
final class Section {
  private final Binder binder;
  private final Node node;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> known = new TreeSet<>();

  private Section(Binder binder, Node node, String path) {
    this.binder = binder;
    this.node = node;
    this.path = path;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple t : mapping.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          binder.error(t.getKeyNode(), path, "keys must be plain names", "a name such as 'domain'");
          continue;
        }
        if (entries.putIfAbsent(key.getValue(), t) != null) {
          binder.error(key, child(key.getValue()), "duplicate key", "each key once per mapping");
        }
      }
    } else if (node != null && !YamlNodes.isNull(node)) {
      binder.error(
          node, path, "expected a mapping, found " + YamlNodes.describe(node), "key: value pairs");
    }
  }

  static Section of(Binder binder, Node node, String path) {
    return new Section(binder, node, path);
  }

  boolean has(String key) {
    known.add(key);
    NodeTuple t = entries.get(key);
    return t != null && !YamlNodes.isNull(t.getValueNode());
  }

  /** The value node of {@code key}, for cross-field errors; the mapping itself when absent. */
  Node at(String key) {
    NodeTuple t = entries.get(key);
    return t != null ? t.getValueNode() : node;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void error(String key, String message, String expected) {
    binder.error(at(key), child(key), message, expected);
  }

  /** Reports a problem at item {@code index} of list {@code key}, path + {@code field} if any. */
  void itemError(String key, int index, String field, String message, String expected) {
    Node v = at(key);
    Node item =
        v instanceof SequenceNode seq && index < seq.getValue().size()
            ? seq.getValue().get(index)
            : v;
    String path = child(key) + "[" + index + "]" + (field.isEmpty() ? "" : "." + field);
    binder.error(item, path, message, expected);
  }

  /** Whether binding has found no problem so far (cross-section checks need sound values). */
  boolean clean() {
    return binder.problems().isEmpty();
  }

  // ---- scalars --------------------------------------------------------------------------------

  /** The scalar text of {@code key} as written, before variable interpolation. */
  private Optional<String> raw(String key, String expected) {
    if (!has(key)) {
      return Optional.empty();
    }
    Node v = at(key);
    if (!(v instanceof ScalarNode scalar)) {
      binder.error(
          v, child(key), "expected a single value, found " + YamlNodes.describe(v), expected);
      return Optional.empty();
    }
    return Optional.of(scalar.getValue());
  }

  Optional<String> optString(String key, Check check) {
    Optional<String> text =
        raw(key, check.expected()).map(s -> binder.interpolate(at(key), child(key), s));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String problem = check.problem(text.get());
    if (problem != null) {
      error(key, problem, check.expected());
      return Optional.empty();
    }
    return text;
  }

  String string(String key, String def, Check check) {
    return optString(key, check).orElse(def);
  }

  Optional<Path> optPath(String key, Check check) {
    return optString(key, check).map(Path::of);
  }

  int integer(String key, int def, int min, int max) {
    return optString(key, Check.ANY_LINE)
        .map(
            s -> {
              try {
                long n = Long.parseLong(s);
                if (n < min || n > max) {
                  error(key, n + " is out of range", "a whole number from " + min + " to " + max);
                  return def;
                }
                return (int) n;
              } catch (NumberFormatException e) {
                error(
                    key,
                    Check.quote(s) + " is not a whole number",
                    "a whole number from " + min + " to " + max);
                return def;
              }
            })
        .orElse(def);
  }

  double number(String key, double def, double min, double max) {
    return optString(key, Check.ANY_LINE)
        .map(
            s -> {
              try {
                double n = new BigDecimal(s).doubleValue();
                if (n < min || n > max) {
                  error(
                      key,
                      s + " is out of range",
                      "a number from " + Check.fmt(min) + " to " + Check.fmt(max));
                  return def;
                }
                return n;
              } catch (NumberFormatException e) {
                error(
                    key,
                    Check.quote(s) + " is not a number",
                    "a number from " + Check.fmt(min) + " to " + Check.fmt(max));
                return def;
              }
            })
        .orElse(def);
  }

  boolean bool(String key, boolean def) {
    return parsed(
            key,
            optString(key, Check.ANY_LINE),
            s ->
                switch (s.toLowerCase(Locale.ROOT)) {
                  case "true" -> Optional.of(true);
                  case "false" -> Optional.of(false);
                  default -> Optional.<Boolean>empty();
                },
            s -> Check.quote(s) + " is not a boolean",
            "true or false")
        .orElse(def);
  }

  Duration duration(String key, Duration def) {
    return optDuration(key).orElse(def);
  }

  Optional<Duration> optDuration(String key) {
    return optString(key, Check.ANY_LINE)
        .flatMap(
            s -> {
              Optional<Duration> d = Durations.parse(s);
              if (d.isEmpty()) {
                error(
                    key,
                    Check.quote(s) + " is not a duration",
                    "a duration such as 30s, 5m, 1h30m or 7d");
                return Optional.empty();
              }
              if (d.get().isZero()) {
                error(
                    key,
                    Check.quote(s) + " is zero",
                    "a duration longer than zero, such as 30s, 5m, 1h30m or 7d");
                return Optional.empty();
              }
              return d;
            });
  }

  ByteSize size(String key, ByteSize def) {
    return parsed(
            key,
            optString(key, Check.ANY_LINE),
            ByteSize::parse,
            s -> Check.quote(s) + " is not a size",
            "a size such as 512k, 10m or 1g")
        .orElse(def);
  }

  /** One of a fixed set of lower-case words; the enum constant names upper-cased with '_'. */
  <E extends Enum<E>> E choice(String key, E def, Class<E> type) {
    List<String> words = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      words.add(word(e));
    }
    return parsed(
            key,
            optString(key, Check.ANY_LINE),
            s -> Stream.of(type.getEnumConstants()).filter(e -> word(e).equals(s)).findFirst(),
            s -> Check.quote(s) + " is not allowed",
            "one of: " + String.join(", ", words))
        .orElse(def);
  }

  static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A secret reference; a literal value is refused so secrets never sit in the file. */
  Optional<Secret> secret(String key) {
    String expected = "${ENV_VAR} or ${file:/path/to/secret}";
    return parsed(
        key,
        raw(key, expected),
        Secret::parse,
        // Never echo the value: it may be the secret itself.
        s -> "secrets must not be written in the config file",
        expected);
  }

  /** {@code text} of {@code key} parsed; when it does not parse, {@code problem} is reported. */
  private <T> Optional<T> parsed(
      String key,
      Optional<String> text,
      Function<String, Optional<T>> parse,
      Function<String, String> problem,
      String expected) {
    return text.flatMap(
        s -> {
          Optional<T> value = parse.apply(s);
          if (value.isEmpty()) {
            error(key, problem.apply(s), expected);
          }
          return value;
        });
  }

  // ---- collections ----------------------------------------------------------------------------

  List<String> strings(String key, List<String> def, Check check) {
    if (!has(key)) {
      return def;
    }
    Node v = at(key);
    if (v instanceof ScalarNode) {
      binder.error(
          v,
          child(key),
          "expected a list, found a single value",
          "a list such as [a, b] or '- a' lines");
      return def;
    }
    if (!(v instanceof SequenceNode seq)) {
      binder.error(
          v, child(key), "expected a list, found " + YamlNodes.describe(v), "a list of values");
      return def;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String itemPath = child(key) + "[" + i + "]";
      if (!(item instanceof ScalarNode scalar) || YamlNodes.isNull(item)) {
        binder.error(
            item,
            itemPath,
            "expected a single value, found " + YamlNodes.describe(item),
            check.expected());
        continue;
      }
      String text = binder.interpolate(item, itemPath, scalar.getValue());
      if (text == null) {
        continue;
      }
      String problem = check.problem(text);
      if (problem != null) {
        binder.error(item, itemPath, problem, check.expected());
        continue;
      }
      out.add(text);
    }
    return Collections.unmodifiableList(out);
  }

  Section section(String key) {
    has(key);
    NodeTuple t = entries.get(key);
    return new Section(binder, t == null ? null : t.getValueNode(), child(key));
  }

  /** The mapping at {@code key} bound by {@code bind}, then checked for unknown keys. */
  <T> T section(String key, Function<Section, T> bind) {
    Section s = section(key);
    T value = bind.apply(s);
    s.done();
    return value;
  }

  /** The mappings of a list; null when absent or not a list (the latter reported). */
  List<Section> sections(String key) {
    if (!has(key)) {
      return null;
    }
    Node v = at(key);
    if (!(v instanceof SequenceNode seq)) {
      binder.error(
          v,
          child(key),
          "expected a list, found " + YamlNodes.describe(v),
          "a list of mappings ('- key: value')");
      return null;
    }
    List<Section> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(new Section(binder, seq.getValue().get(i), child(key) + "[" + i + "]"));
    }
    return out;
  }

  /**
   * The entries of a mapping whose keys are names chosen by the user, each bound by {@code bind}.
   */
  <T> Map<String, T> named(
      String key, Set<String> allowed, String listedIn, BiFunction<String, Section, T> bind) {
    Section map = section(key);
    Map<String, T> out = new LinkedHashMap<>();
    for (String name : map.entries.keySet()) {
      map.known.add(name);
      if (!allowed.contains(name)) {
        binder.error(
            map.entries.get(name).getKeyNode(),
            map.child(name),
            "unknown name" + DidYouMean.suggestion(name, allowed),
            allowed.size() > 15
                ? "one of the " + allowed.size() + " names listed in " + listedIn
                : "one of: " + String.join(", ", new TreeSet<>(allowed)));
        continue;
      }
      out.put(name, bind.apply(name, map.section(name)));
    }
    return out;
  }

  /** Reports every key of this mapping that no getter asked for. */
  void done() {
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (!known.contains(e.getKey())) {
        binder.error(
            e.getValue().getKeyNode(),
            child(e.getKey()),
            "unknown key" + DidYouMean.suggestion(e.getKey(), known),
            "one of: " + String.join(", ", known));
      }
    }
  }
}
