package org.maiis.dev;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.dev.ComponentState.State;
import org.maiis.testing.LoopbackPorts;

/** Real short-lived processes: a failing one, a running one, a missing one. */
class DevLauncherTest {
  private static DevLauncher launcher(Path dir) {
    return new DevLauncher(
        new ProcessSupervisor(dir),
        new HealthProbe(HttpClient.newHttpClient(), Duration.ofSeconds(1)));
  }

  @Test
  void aComponentWhosePortAnotherProcessAnswersIsNotStartedNorReportedHealthy(@TempDir Path dir)
      throws Exception {
    int port = LoopbackPorts.free();
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    other.createContext(
        "/",
        x -> {
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    other.start();
    try {
      List<DevComponent> plan =
          List.of(
              new DevComponent(
                  "api",
                  "maiis",
                  Optional.of(List.of("/bin/sleep", "60")),
                  "http://127.0.0.1:" + port + "/api/docs",
                  Optional.of("http://127.0.0.1:" + port + "/health"),
                  List.of(new DevComponent.Bind("127.0.0.1", port, "server.listen"))));
      List<ComponentState> states = launcher(dir).up(plan, Duration.ofSeconds(5));
      assertEquals(State.PORT_IN_USE, states.get(0).state());
      assertEquals("127.0.0.1:" + port + " (server.listen)", states.get(0).detail());
      assertEquals(List.of(), new ProcessSupervisor(dir).list(), "nothing was started");
    } finally {
      other.stop(0);
    }
  }

  @Test
  void reportsFailedMissingAndRunningAndRefusesASecondUp(@TempDir Path dir) throws Exception {
    DevLauncher launcher = launcher(dir);
    List<DevComponent> plan =
        List.of(
            new DevComponent(
                "broken",
                "sh",
                Optional.of(
                    List.of("/bin/sh", "-c", "echo first; echo 'bind: address in use'; exit 3")),
                "http://127.0.0.1:1/",
                Optional.of("http://127.0.0.1:1/health")),
            new DevComponent(
                "absent", "absent-pkg", Optional.empty(), "http://127.0.0.1:2/", Optional.empty()),
            new DevComponent(
                "sleeper",
                "coreutils",
                Optional.of(List.of("/bin/sleep", "60")),
                "http://127.0.0.1:3/",
                Optional.empty()));
    try {
      // Its health URL never answers, so it is waited for until it exits.
      List<ComponentState> states = launcher.up(plan, Duration.ofSeconds(20));
      ComponentState broken = states.get(0);
      assertEquals(State.FAILED, broken.state());
      assertEquals("first\nbind: address in use", broken.detail());
      assertEquals(State.NOT_INSTALLED, states.get(1).state());
      assertEquals("absent-pkg", states.get(1).detail());
      assertEquals(State.HEALTHY, states.get(2).state());

      IllegalStateException again =
          assertThrows(IllegalStateException.class, () -> launcher.up(plan, Duration.ofSeconds(5)));
      assertTrue(again.getMessage().contains("already running"), again.getMessage());
    } finally {
      long pid = new ProcessSupervisor(dir).list().get(1).pid();
      assertEquals(List.of("sleeper"), new ProcessSupervisor(dir).stopAll(Duration.ofSeconds(5)));
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
  }
}
