package org.maiis.render.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compose service as the map YamlWriter writes, keys in the order people expect to read them.
 */
final class Service {
  private final String image;
  private final List<String> command = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> volumes = new ArrayList<>();
  private final List<String> secrets = new ArrayList<>();
  private final Map<String, Object> extra = new LinkedHashMap<>();
  private List<String> entrypoint = List.of();

  Service(String image) {
    this.image = image;
  }

  Service command(String... args) {
    command.addAll(List.of(args));
    return this;
  }

  Service entrypoint(String... args) {
    entrypoint = List.of(args);
    return this;
  }

  Service env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** A bind mount or named volume, {@code source:target[:options]}. */
  Service volume(String spec) {
    volumes.add(spec);
    return this;
  }

  /** A compose secret, mounted at /run/secrets/NAME. */
  Service secret(String name) {
    secrets.add(name);
    return this;
  }

  /** Runs only under compose profile {@code name}; none when null. */
  Service profile(String name) {
    return name == null ? this : set("profiles", List.of(name));
  }

  Service set(String key, Object value) {
    extra.put(key, value);
    return this;
  }

  List<String> volumes() {
    return volumes;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("image", image);
    m.put("restart", "unless-stopped");
    // Host networking: the scrape targets in maiis.yaml are host addresses, and every service
    // binds exactly its target's address itself, so nothing else is published.
    m.put("network_mode", "host");
    m.putAll(extra);
    if (!entrypoint.isEmpty()) {
      m.put("entrypoint", entrypoint);
    }
    if (!command.isEmpty()) {
      m.put("command", command);
    }
    if (!environment.isEmpty()) {
      m.put("environment", environment);
    }
    if (!secrets.isEmpty()) {
      m.put("secrets", secrets);
    }
    if (!volumes.isEmpty()) {
      m.put("volumes", volumes);
    }
    return m;
  }
}
