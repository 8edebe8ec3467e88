package org.maiis.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maiis.files.AtomicFiles;

/**
 * Starts local processes with a log file each, records them in a state file, and stops exactly
 * those it started: a pid is only signalled while the process behind it still has the recorded
 * start time, so a pid reused by an unrelated process after a reboot is never killed.
 */
public final class ProcessSupervisor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path stateDir;
  private final Path stateFile;

  /** A supervisor keeping its state and logs under {@code stateDir}. */
  public ProcessSupervisor(Path stateDir) {
    this.stateDir = stateDir.toAbsolutePath();
    this.stateFile = this.stateDir.resolve("processes.json");
  }

  /** The directory holding state and logs. */
  public Path stateDir() {
    return stateDir;
  }

  /**
   * Starts {@code command} in the background and records it.
   *
   * @param env variables added to the environment
   */
  public ManagedProcess start(
      String name,
      List<String> command,
      Map<String, String> env,
      String url,
      Optional<String> healthUrl)
      throws IOException {
    Path logs = Files.createDirectories(stateDir.resolve("logs"));
    Path log = logs.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.directory(stateDir.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    Instant started = p.info().startInstant().orElse(Instant.EPOCH);
    ManagedProcess mp =
        new ManagedProcess(name, p.pid(), started, List.copyOf(command), log, url, healthUrl);
    List<ManagedProcess> all = new ArrayList<>(list());
    all.removeIf(x -> x.name().equals(name));
    all.add(mp);
    save(all);
    return mp;
  }

  /** Every recorded process, in start order. */
  public List<ManagedProcess> list() throws IOException {
    if (!Files.exists(stateFile)) {
      return List.of();
    }
    List<ManagedProcess> out = new ArrayList<>();
    for (JsonNode n : JSON.readTree(stateFile.toFile())) {
      List<String> cmd = new ArrayList<>();
      n.path("command").forEach(c -> cmd.add(c.asText()));
      out.add(
          new ManagedProcess(
              n.path("name").asText(),
              n.path("pid").asLong(),
              Instant.parse(n.path("startedAt").asText()),
              cmd,
              Path.of(n.path("log").asText()),
              n.path("url").asText(),
              n.hasNonNull("healthUrl")
                  ? Optional.of(n.path("healthUrl").asText())
                  : Optional.empty()));
    }
    return out;
  }

  /** The live process behind a record, if it is still the one that was started. */
  public Optional<ProcessHandle> alive(ManagedProcess mp) {
    return ProcessHandle.of(mp.pid())
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().startInstant().map(s -> s.equals(mp.startedAt())).orElse(false));
  }

  /**
   * Stops every recorded process that is still the one started (newest first): SIGTERM, then
   * SIGKILL after {@code grace}. Forgets them all.
   *
   * @return the names of the processes that were running and were stopped
   */
  public List<String> stopAll(Duration grace) throws IOException {
    List<ManagedProcess> all = new ArrayList<>(list());
    java.util.Collections.reverse(all);
    List<String> stopped = new ArrayList<>();
    for (ManagedProcess mp : all) {
      Optional<ProcessHandle> h = alive(mp);
      if (h.isEmpty()) {
        continue;
      }
      List<ProcessHandle> children = h.get().descendants().toList();
      h.get().destroy();
      try {
        h.get().onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        h.get().destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping " + mp.name(), e);
      } catch (java.util.concurrent.ExecutionException e) {
        // onExit does not fail; nothing to do.
      }
      children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      stopped.add(mp.name());
    }
    Files.deleteIfExists(stateFile);
    java.util.Collections.reverse(stopped);
    return stopped;
  }

  private void save(List<ManagedProcess> all) throws IOException {
    ArrayNode arr = JSON.createArrayNode();
    for (ManagedProcess mp : all) {
      ObjectNode n = arr.addObject();
      n.put("name", mp.name());
      n.put("pid", mp.pid());
      n.put("startedAt", mp.startedAt().toString());
      ArrayNode cmd = n.putArray("command");
      mp.command().forEach(cmd::add);
      n.put("log", mp.log().toString());
      n.put("url", mp.url());
      mp.healthUrl().ifPresent(u -> n.put("healthUrl", u));
    }
    AtomicFiles.writeString(
        stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr) + "\n");
  }
}
