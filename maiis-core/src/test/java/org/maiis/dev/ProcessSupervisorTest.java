package org.maiis.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {
  @TempDir Path dir;

  @Test
  void startsRecordsAndStopsExactlyItsProcesses() throws IOException {
    ProcessSupervisor s = new ProcessSupervisor(dir);
    ManagedProcess a = s.start("a", List.of("sleep", "60"), Map.of(), "-", Optional.empty());
    ManagedProcess b =
        s.start("b", List.of("sh", "-c", "echo hello; sleep 60"), Map.of(), "-", Optional.empty());
    assertEquals(
        List.of("a", "b"),
        new ProcessSupervisor(dir).list().stream().map(ManagedProcess::name).toList());
    assertTrue(s.alive(a).isPresent());
    // The shell may not have run its echo yet when stopped; wait for it rather than race it.
    assertTrue(logSays(b.log(), "hello", Duration.ofSeconds(10)), "output goes to the log");

    assertEquals(List.of("a", "b"), new ProcessSupervisor(dir).stopAll(Duration.ofSeconds(5)));
    assertTrue(ProcessHandle.of(a.pid()).map(h -> !h.isAlive()).orElse(true));
    assertTrue(ProcessHandle.of(b.pid()).map(h -> !h.isAlive()).orElse(true));
    assertEquals(List.of(), s.list(), "state forgotten");
  }

  private static boolean logSays(Path log, String text, Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!Files.readString(log).contains(text)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Test
  void aReusedPidIsNeverKilled() throws IOException {
    ProcessSupervisor s = new ProcessSupervisor(dir);
    ManagedProcess real = s.start("x", List.of("sleep", "60"), Map.of(), "-", Optional.empty());
    // A record whose pid belongs to a process with another start time: this test's own JVM.
    ManagedProcess stale =
        new ManagedProcess(
            "x",
            ProcessHandle.current().pid(),
            real.startedAt(),
            real.command(),
            real.log(),
            "-",
            Optional.empty());
    assertTrue(s.alive(stale).isEmpty());
    s.stopAll(Duration.ofSeconds(5));
  }

  @Test
  void processesThatAlreadyExitedAreForgottenQuietly() throws IOException {
    ProcessSupervisor s = new ProcessSupervisor(dir);
    ManagedProcess quick = s.start("quick", List.of("true"), Map.of(), "-", Optional.empty());
    ProcessHandle.of(quick.pid()).ifPresent(h -> h.onExit().join());
    assertEquals(List.of(), s.stopAll(Duration.ofSeconds(1)));
  }
}
