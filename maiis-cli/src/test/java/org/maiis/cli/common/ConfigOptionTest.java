package org.maiis.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.ConfigException;

class ConfigOptionTest {
  @TempDir Path tmp;

  private static ConfigOption withEnvironment(Map<String, String> env) {
    ConfigOption o = new ConfigOption();
    o.environment = env::get;
    return o;
  }

  @Test
  void aBlankMaiisConfigCountsAsUnset() {
    for (String blank : new String[] {"", "  "}) {
      ConfigOption o = withEnvironment(Map.of("MAIIS_CONFIG", blank));
      assertEquals(Path.of("maiis.yaml"), o.path());
      assertEquals(withEnvironment(Map.of()).loadOrDefaults(), o.loadOrDefaults());
    }
  }

  @Test
  void maiisConfigNamesTheFileAndAMissingOneIsAnError() throws Exception {
    Path file = tmp.resolve("site.yaml");
    Files.writeString(file, "version: 1\nsite: {domain: bank.example.com}\n");
    ConfigOption o = withEnvironment(Map.of("MAIIS_CONFIG", file.toString()));
    assertEquals("bank.example.com", o.loadOrDefaults().site().domain());
    ConfigOption missing =
        withEnvironment(Map.of("MAIIS_CONFIG", tmp.resolve("nope.yaml").toString()));
    assertThrows(ConfigException.class, missing::loadOrDefaults);
  }
}
