package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.maiis.cli.common.ExitCodes;

/**
 * Every failure reads the same way: {@code maiis <command>: <what happened>. <what to do>.}, once
 * prefixed, no class names.
 */
class ErrorStyleTest {
  private static final Pattern STYLE = Pattern.compile("^maiis( [a-z-]+)*: [^A-Z].*\\. .*\\.$");

  @Test
  void usageErrorsNameTheCommandSayWhatToDoAndSuggest() {
    CliRun typo = CliRun.of("dev", "stauts");
    assertEquals(ExitCodes.USAGE, typo.exitCode());
    assertEquals(
        List.of(
            "maiis dev: unmatched argument at index 1: 'stauts'. See 'maiis dev --help'.",
            "Did you mean: maiis dev status?"),
        typo.err().lines().toList());

    CliRun option = CliRun.of("dev", "up", "--timeuot=3");
    assertEquals(ExitCodes.USAGE, option.exitCode());
    String first = option.err().lines().findFirst().orElseThrow();
    assertTrue(STYLE.matcher(first).matches(), first);
    assertTrue(first.startsWith("maiis dev up: unknown option: '--timeuot=3'."), first);
  }

  @Test
  void aFailureIsOneStyledLineWithoutDoubledPrefixOrClassName() {
    CliRun r = CliRun.of("metrics", "validate", "--file", "/nonexistent/x.prom");
    assertEquals(ExitCodes.FAILURE, r.exitCode());
    assertEquals(1, r.err().lines().count(), r.err());
    String line = r.err().strip();
    assertTrue(STYLE.matcher(line).matches(), line);
    assertFalse(line.contains("maiis: "), line);
    assertFalse(line.contains("Exception"), line);
  }
}
