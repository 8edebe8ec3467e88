package org.maiis.config;

import java.util.List;

/** A config file that cannot be used, with every problem found in it (not just the first). */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  /** Creates an exception carrying {@code problems}, which must not be empty. */
  public ConfigException(List<ConfigProblem> problems) {
    super(
        problems.get(0).format()
            + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : ""));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
