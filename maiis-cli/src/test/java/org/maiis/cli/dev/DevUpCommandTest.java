package org.maiis.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.cli.common.ExitCodes;
import org.maiis.dev.ProcessSupervisor;

/**
 * {@code maiis dev up} when other processes hold the stack's ports: nothing is started (their
 * health URLs would answer for the wrong process), and each is one styled line.
 */
class DevUpCommandTest {

  @Test
  void componentsWhosePortsAreTakenAreNotStartedAndSaySo(@TempDir Path dir) throws Exception {
    List<ServerSocket> others = new ArrayList<>();
    try {
      DevPorts ports = DevPorts.free();
      for (int port :
          List.of(
              ports.api(),
              ports.http(),
              ports.https(),
              ports.status(),
              ports.prometheus(),
              ports.alertmanager(),
              ports.blackbox())) {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", port));
        others.add(s);
      }
      int api = ports.api();
      Path config = dir.resolve("dev.yaml");
      Files.writeString(config, ports.yaml());
      Path state = dir.resolve("state");
      CliRun r = CliRun.of("dev", "up", "-c", config.toString(), "--state-dir", state.toString());
      assertEquals(ExitCodes.FAILURE, r.exitCode(), r.out() + r.err());
      assertTrue(
          r.out()
              .lines()
              .anyMatch(l -> l.matches("api +port in use +http://127.0.0.1:" + api + "/api/docs")),
          r.out());
      assertTrue(
          r.err()
              .contains(
                  "maiis dev up: api was not started: 127.0.0.1:"
                      + api
                      + " (server.listen) is in use by another process. Stop that process or"
                      + " choose another port in "
                      + config
                      + ".\n"),
          r.err());
      assertTrue(r.err().contains("(nginx.listen.http) is in use"), r.err());
      assertFalse(r.err().contains("the rest is running"), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertEquals(List.of(), new ProcessSupervisor(state).list(), "nothing was started");
    } finally {
      for (ServerSocket s : others) {
        s.close();
      }
    }
  }

  @Test
  void statusWithoutAStackSaysSoInOneLineAndJsonHasNoComponents(@TempDir Path dir)
      throws Exception {
    Path state = dir.resolve("none");
    CliRun text = CliRun.of("dev", "status", "--state-dir", state.toString());
    assertEquals(ExitCodes.FAILURE, text.exitCode());
    assertEquals("", text.out());
    assertEquals(
        "maiis dev status: no dev stack recorded in "
            + state
            + ". Start one with: maiis dev up --state-dir "
            + state
            + ".\n",
        text.err());
    CliRun down = CliRun.of("dev", "down", "--state-dir", state.toString());
    assertEquals(ExitCodes.OK, down.exitCode());
    assertEquals("maiis dev down: nothing running in " + state + "\n", down.err());
    CliRun json = CliRun.of("dev", "status", "--json", "--state-dir", state.toString());
    assertEquals(ExitCodes.FAILURE, json.exitCode());
    JsonNode doc = new ObjectMapper().readTree(json.out());
    List<String> keys = new ArrayList<>();
    doc.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("state_dir", "healthy", "components"), keys);
    assertFalse(doc.path("healthy").asBoolean());
    assertEquals(0, doc.path("components").size());
  }
}
