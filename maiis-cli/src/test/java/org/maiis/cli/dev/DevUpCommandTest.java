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
import org.maiis.testing.LoopbackPorts;

/**
 * {@code maiis dev up} when other processes hold the stack's ports: nothing is started (their
 * health URLs would answer for the wrong process), and each is one styled line.
 */
class DevUpCommandTest {

  @Test
  void componentsWhosePortsAreTakenAreNotStartedAndSaySo(@TempDir Path dir) throws Exception {
    List<ServerSocket> others = new ArrayList<>();
    try {
      int api = taken(others);
      int http = taken(others);
      int https = taken(others);
      int status = taken(others);
      int prometheus = taken(others);
      int alertmanager = taken(others);
      int blackbox = taken(others);
      Path config = dir.resolve("dev.yaml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "version: 1",
              "site: {name: it, domain: localhost, environment: dev}",
              "nginx:",
              "  listen: {http: "
                  + http
                  + ", https: "
                  + https
                  + ", status: "
                  + status
                  + ", addresses: [127.0.0.1]}",
              "  upstreams: [{server: 127.0.0.1:" + api + "}]",
              "monitoring:",
              "  jobs:",
              "    prometheus: {targets: [\"127.0.0.1:" + prometheus + "\"]}",
              "    alertmanager: {targets: [\"127.0.0.1:" + alertmanager + "\"]}",
              "    backend: {targets: [\"127.0.0.1:" + api + "\"]}",
              "    blackbox: {enabled: false, targets: [\"127.0.0.1:" + blackbox + "\"]}",
              "server: {listen: 127.0.0.1:" + api + "}",
              ""));
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
    CliRun json = CliRun.of("dev", "status", "--json", "--state-dir", state.toString());
    assertEquals(ExitCodes.FAILURE, json.exitCode());
    JsonNode doc = new ObjectMapper().readTree(json.out());
    List<String> keys = new ArrayList<>();
    doc.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("state_dir", "healthy", "components"), keys);
    assertFalse(doc.path("healthy").asBoolean());
    assertEquals(0, doc.path("components").size());
  }

  private static int taken(List<ServerSocket> others) throws Exception {
    int port = LoopbackPorts.free();
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress("127.0.0.1", port));
    others.add(s);
    return port;
  }
}
