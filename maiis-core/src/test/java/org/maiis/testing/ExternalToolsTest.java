package org.maiis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalToolsTest {
  @Test
  void findsProgramsOnPath() {
    ExternalTools tools = new ExternalTools(Map.of("PATH", "/usr/bin:/bin")::get);
    assertEquals("sh", tools.require("sh", "dash").getFileName().toString());
  }

  @Test
  void missingToolSkipsOnADeveloperMachine() {
    ExternalTools tools = new ExternalTools(Map.of("PATH", "/usr/bin")::get);
    assertThrows(TestAbortedException.class, () -> tools.require("no-such-tool-maiis", "none"));
  }

  @Test
  void missingToolFailsWhenToolsAreRequired() {
    ExternalTools tools =
        new ExternalTools(Map.of("PATH", "/usr/bin", "MAIIS_REQUIRE_TOOLS", "1")::get);
    assertThrows(AssertionFailedError.class, () -> tools.require("no-such-tool-maiis", "none"));
  }
}
