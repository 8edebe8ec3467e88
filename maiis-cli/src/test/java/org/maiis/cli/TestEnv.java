package org.maiis.cli;

import java.util.Arrays;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.maiis.testing.ExternalTools;

/**
 * Variables of the test environment that point a test at a peer .ci/run starts (PostgreSQL, Redis):
 * unset, the test is skipped, or fails where MAIIS_REQUIRE_TOOLS=1, as for a missing tool.
 */
public final class TestEnv {
  private TestEnv() {}

  /**
   * Returns when every one of {@code names} is set; else skips or fails the test, saying that
   * .ci/run starts {@code peers} and sets them.
   */
  public static void require(String peers, String... names) {
    if (Arrays.stream(names).allMatch(n -> System.getenv(n) != null)) {
      return;
    }
    String message =
        names.length == 1
            ? names[0] + " is not set (.ci/run starts " + peers + " and sets it)"
            : String.join(" and ", names)
                + " are not set (.ci/run starts "
                + peers
                + " and sets them)";
    if (ExternalTools.SYSTEM.required()) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
  }
}
