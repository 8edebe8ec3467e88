package org.maiis.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.cli.CliRun;
import org.maiis.cli.MaiisYaml;
import org.maiis.cli.common.ExitCodes;

/** {@code config validate --json}: the shape docs/CONFIGURATION.md documents, same exit codes. */
class ConfigValidateJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anInvalidConfigListsEachProblemWithItsPlace(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "site:\n  domain: \"a.com;\"\nnginx:\n  listen: {https: 0}\n");
    CliRun r = CliRun.of("config", "validate", "--json", "-c", bad.toString());
    assertEquals(ExitCodes.CONFIG_INVALID, r.exitCode(), r.err());
    assertEquals("", r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertEquals(
        List.of("config", "valid", "config_problems", "rendered_problems", "notes"), keys(doc));
    assertEquals(bad.toString(), doc.path("config").asText());
    assertFalse(doc.path("valid").asBoolean());
    JsonNode second = doc.path("config_problems").get(1);
    assertEquals(List.of("file", "line", "column", "field", "message", "expected"), keys(second));
    assertEquals(4, second.path("line").asInt());
    assertEquals(19, second.path("column").asInt());
    assertEquals("nginx.listen.https", second.path("field").asText());
    assertTrue(second.path("message").asText().startsWith("0 is out of range"), r.out());
    assertEquals(0, doc.path("rendered_problems").size());
  }

  @Test
  void aValidConfigIsValidWithNoProblems() throws Exception {
    CliRun r = CliRun.of("config", "validate", "--json", "-c", "../examples/production.yaml");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertTrue(doc.path("valid").asBoolean(), r.out());
    assertEquals(0, doc.path("config_problems").size());
    assertEquals(0, doc.path("rendered_problems").size());
    assertTrue(doc.path("notes").isArray(), r.out());
  }

  @Test
  void aRenderedFileProblemHasFileLineAndMessage(@TempDir Path dir) throws Exception {
    Path c = MaiisYaml.write(dir, "version: 1\n");
    Path templates = Files.createDirectories(dir.resolve("templates/nginx"));
    String main =
        new String(
            getClass()
                .getClassLoader()
                .getResourceAsStream("templates/nginx/nginx.conf.mustache")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(
        templates.resolve("nginx.conf.mustache"),
        main.replace(
            "        location ^~ /metrics {\n            include snippets/security-headers.conf;\n",
            "        location ^~ /metrics {\n            add_header Cache-Control no-store;\n"));
    CliRun r =
        CliRun.of(
            "config",
            "validate",
            "--json",
            "-c",
            c.toString(),
            "--templates",
            dir.resolve("templates").toString());
    assertEquals(ExitCodes.VALIDATION_FAILED, r.exitCode(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertFalse(doc.path("valid").asBoolean());
    JsonNode p = doc.path("rendered_problems").get(0);
    assertEquals(List.of("file", "line", "message"), keys(p));
    assertEquals("nginx/nginx.conf", p.path("file").asText(), r.out());
    assertTrue(p.path("line").asInt() > 0, r.out());
  }

  private static List<String> keys(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
