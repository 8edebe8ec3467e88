package org.maiis.dev;

/**
 * What became of one component of the local stack.
 *
 * @param name component name
 * @param url where it serves
 * @param state its state
 * @param detail the apt package when not installed, the last log lines when failed, the taken
 *     address ({@code host:port (config key)}) when its port is in use, else empty
 */
public record ComponentState(String name, String url, State state, String detail) {

  /** The states a component can be in. */
  public enum State {
    /** Answering its health URL. */
    HEALTHY("healthy"),
    /** Running, but its health URL does not answer 2xx. */
    UNHEALTHY("unhealthy"),
    /** Exited or never became healthy. */
    FAILED("failed"),
    /** Not started: another process listens on one of its addresses. */
    PORT_IN_USE("port in use"),
    /** Not running (status of a recorded process that is gone). */
    STOPPED("stopped"),
    /** The program is not installed. */
    NOT_INSTALLED("not installed");

    private final String label;

    State(String label) {
      this.label = label;
    }

    /** The word printed for it. */
    public String label() {
      return label;
    }
  }

  /** One line: name, state, URL (and the apt package when not installed). */
  public String line() {
    String base = String.format("%-13s %-13s %s", name, state.label(), url);
    return state == State.NOT_INSTALLED ? base + "  (apt-get install " + detail + ")" : base;
  }
}
