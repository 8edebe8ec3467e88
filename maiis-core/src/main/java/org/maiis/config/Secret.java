package org.maiis.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a secret kept outside the config file: {@code ${ENV_VAR}} or {@code
 * ${file:/run/secrets/name}}. The value is read only when a consumer needs it, so rendering and
 * validating a config never requires production secrets; {@link #toString()} shows the reference,
 * never the value.
 */
public record Secret(Kind kind, String name) {

  /** Where the value lives. */
  public enum Kind {
    ENV,
    FILE
  }

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{(?:file:(?<file>/[^}]+)|(?<env>[A-Za-z_][A-Za-z0-9_]*))\\}");

  /** Parses a reference; empty when {@code text} is not exactly one reference. */
  public static Optional<Secret> parse(String text) {
    Matcher m = REFERENCE.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        m.group("file") != null
            ? new Secret(Kind.FILE, m.group("file"))
            : new Secret(Kind.ENV, m.group("env")));
  }

  /**
   * Reads the value now.
   *
   * @param env the environment to read variables from (System::getenv in production)
   * @throws IllegalStateException naming the variable or file (never the value) when it is unset
   */
  public String resolve(Function<String, String> env) {
    if (kind == Kind.ENV) {
      String v = env.apply(name);
      if (v == null || v.isEmpty()) {
        throw new IllegalStateException("environment variable " + name + " is not set");
      }
      return v;
    }
    try {
      return Files.readString(Path.of(name)).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read secret file " + name + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return kind == Kind.ENV ? "${" + name + "}" : "${file:" + name + "}";
  }
}
