package org.maiis.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maiis.dev.ComponentState.State;
import org.maiis.process.ListenPorts;

/**
 * Starts planned components through a {@link ProcessSupervisor} and waits, bounded, until each
 * answers its health URL; reports the state of recorded ones.
 */
public final class DevLauncher {
  /** Log lines shown for a component that failed. */
  static final int LOG_TAIL = 15;

  private final ProcessSupervisor supervisor;
  private final HealthProbe probe;

  /** A launcher recording into {@code supervisor} and asking {@code probe} for health. */
  public DevLauncher(ProcessSupervisor supervisor, HealthProbe probe) {
    this.supervisor = supervisor;
    this.probe = probe;
  }

  /** The recorded processes that are still running. */
  public List<ManagedProcess> running() throws IOException {
    List<ManagedProcess> alive = new ArrayList<>();
    for (ManagedProcess mp : supervisor.list()) {
      if (supervisor.alive(mp).isPresent()) {
        alive.add(mp);
      }
    }
    return alive;
  }

  /**
   * Starts every installed component of {@code plan}, then waits until each is healthy, has exited,
   * or {@code timeout} passed.
   *
   * @throws IllegalStateException when processes of an earlier {@code up} are still running
   */
  public List<ComponentState> up(List<DevComponent> plan, Duration timeout)
      throws IOException, InterruptedException {
    if (!running().isEmpty()) {
      throw new IllegalStateException("a dev stack is already running in " + supervisor.stateDir());
    }
    // Forget the records of a stack whose processes are all gone.
    supervisor.stopAll(Duration.ZERO);
    Map<String, ComponentState> states = new LinkedHashMap<>();
    Map<String, ManagedProcess> started = new LinkedHashMap<>();
    for (DevComponent c : plan) {
      if (!c.installed()) {
        states.put(
            c.name(), new ComponentState(c.name(), c.url(), State.NOT_INSTALLED, c.aptPackage()));
        continue;
      }
      // Another process on its port would answer its health URL while it fails to bind.
      Optional<DevComponent.Bind> taken =
          c.binds().stream().filter(b -> !ListenPorts.free(b.host(), b.port())).findFirst();
      if (taken.isPresent()) {
        states.put(
            c.name(),
            new ComponentState(c.name(), c.url(), State.PORT_IN_USE, taken.get().toString()));
        continue;
      }
      ManagedProcess mp =
          supervisor.start(c.name(), c.command().get(), Map.of(), c.url(), c.healthUrl());
      started.put(c.name(), mp);
      states.put(c.name(), null);
    }
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      boolean waiting = false;
      for (ManagedProcess mp : started.values()) {
        if (states.get(mp.name()) != null) {
          continue;
        }
        if (supervisor.alive(mp).isEmpty()) {
          states.put(mp.name(), failed(mp));
        } else if (mp.healthUrl().map(probe::healthy).orElse(true)
            // Still ours after the answer: a child that died meanwhile is not healthy.
            && supervisor.alive(mp).isPresent()) {
          states.put(mp.name(), new ComponentState(mp.name(), mp.url(), State.HEALTHY, ""));
        } else {
          waiting = true;
        }
      }
      if (!waiting) {
        break;
      }
      if (Instant.now().isAfter(deadline)) {
        for (ManagedProcess mp : started.values()) {
          // putIfAbsent also replaces the null of a component still waiting.
          states.putIfAbsent(mp.name(), failed(mp));
        }
        break;
      }
      Thread.sleep(200);
    }
    return List.copyOf(states.values());
  }

  /** The state of every recorded process, in start order. */
  public List<ComponentState> status() throws IOException {
    List<ComponentState> out = new ArrayList<>();
    for (ManagedProcess mp : supervisor.list()) {
      State s;
      if (supervisor.alive(mp).isEmpty()) {
        s = State.STOPPED;
      } else {
        s = mp.healthUrl().map(probe::healthy).orElse(true) ? State.HEALTHY : State.UNHEALTHY;
      }
      out.add(new ComponentState(mp.name(), mp.url(), s, ""));
    }
    return out;
  }

  private static ComponentState failed(ManagedProcess mp) {
    return new ComponentState(mp.name(), mp.url(), State.FAILED, tail(mp.log()));
  }

  /** The last lines of a log, for a failure message. */
  static String tail(Path log) {
    try {
      List<String> lines =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
