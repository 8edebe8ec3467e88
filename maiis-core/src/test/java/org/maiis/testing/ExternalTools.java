package org.maiis.testing;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.maiis.process.Executables;

/**
 * The one place tests ask for an external program (nginx, promtool, pebble, ...). Absent on a
 * developer machine: the test is skipped. Absent with MAIIS_REQUIRE_TOOLS=1 (CI): the test fails.
 */
public final class ExternalTools {
  private final Function<String, String> env;

  /** Tools looked up on the real PATH, with the real MAIIS_REQUIRE_TOOLS. */
  public static final ExternalTools SYSTEM = new ExternalTools(System::getenv);

  /** Tools looked up with {@code env} standing for the environment (for tests of this class). */
  public ExternalTools(Function<String, String> env) {
    this.env = env;
  }

  /** Finds {@code name} the way maiis itself does (PATH, then /usr/sbin and /sbin). */
  public Optional<Path> find(String name) {
    return new Executables(env).find(name);
  }

  /** Whether a missing tool must fail the test rather than skip it. */
  public boolean required() {
    return "1".equals(env.apply("MAIIS_REQUIRE_TOOLS"));
  }

  /**
   * The path of {@code name}; skips the calling test when it is missing, or fails it when tools are
   * required.
   *
   * @param debianPackage the package that provides it, for the message
   */
  public Path require(String name, String debianPackage) {
    Optional<Path> found = find(name);
    if (found.isPresent()) {
      return found.get();
    }
    String message = name + " is not installed (apt-get install -y " + debianPackage + ")";
    if (required()) {
      Assertions.fail(message + " and MAIIS_REQUIRE_TOOLS=1");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
