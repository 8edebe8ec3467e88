package org.maiis.render.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
  @TempDir Path tmp;

  record Model(String name, boolean on, List<String> items) {}

  @Test
  void overridesOneTemplateAndKeepsTheOthersBuiltIn() throws Exception {
    Files.createDirectories(tmp.resolve("nginx"));
    Files.writeString(tmp.resolve("nginx/mime.types"), "types { text/plain txt; }\n");
    Templates t = Templates.withOverrides(tmp);
    assertEquals("types { text/plain txt; }\n", t.text("nginx/mime.types"));
    assertTrue(t.text("nginx/ffdhe2048.pem").startsWith("-----BEGIN DH PARAMETERS-----\n"));
  }

  @Test
  void rendersRecordsWithoutEscapingAndDropsStandaloneTagLines() {
    Files.exists(tmp);
    Templates t = Templates.withOverrides(tmp);
    writeTemplate(
        "t.mustache", "a {{name}};\n{{#on}}\nb;\n{{/on}}\n{{#items}}\nc {{.}};\n{{/items}}\n");
    assertEquals(
        "a 'x' \"y\" <z>;\nb;\nc 1;\nc 2;\n",
        t.render("t.mustache", new Model("'x' \"y\" <z>", true, List.of("1", "2"))));
  }

  @Test
  void aTagTheModelLacksIsAnErrorNamingTheTemplate() {
    Templates t = Templates.withOverrides(tmp);
    writeTemplate("bad.mustache", "a {{nmae}};\n");
    RenderException e =
        assertThrows(
            RenderException.class, () -> t.render("bad.mustache", new Model("x", true, List.of())));
    assertTrue(e.getMessage().startsWith("template bad.mustache: "), e.getMessage());
  }

  @Test
  void overridesCannotReachOutsideTheirDirectory() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("overrides"));
    Files.writeString(tmp.resolve("secret.mustache"), "outside\n");
    RenderException e =
        assertThrows(
            RenderException.class, () -> Templates.withOverrides(dir).text("../secret.mustache"));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void anOverrideThatReplacesNothingIsAnError() throws Exception {
    Files.createDirectories(tmp.resolve("nginx"));
    Files.writeString(tmp.resolve("nginx/nginx.conf"), "events {}\n");
    RenderException e = assertThrows(RenderException.class, () -> Templates.withOverrides(tmp));
    assertEquals(
        "--templates "
            + tmp
            + ": nginx/nginx.conf replaces no built-in template"
            + " (such as nginx/nginx.conf.mustache)",
        e.getMessage());
  }

  @Test
  void anOverrideThatIsADirectoryOrNotUtf8IsAnErrorNamingIt() throws Exception {
    Files.createDirectories(tmp.resolve("nginx/mime.types"));
    RenderException dir = assertThrows(RenderException.class, () -> Templates.withOverrides(tmp));
    assertEquals(
        "--templates " + tmp + ": nginx/mime.types is a directory, not a template file",
        dir.getMessage());
    Files.delete(tmp.resolve("nginx/mime.types"));
    Files.write(tmp.resolve("nginx/mime.types"), new byte[] {'t', (byte) 0xff, (byte) 0xfe});
    Templates t = Templates.withOverrides(tmp);
    RenderException bytes = assertThrows(RenderException.class, () -> t.text("nginx/mime.types"));
    assertEquals(
        "template " + tmp.resolve("nginx/mime.types") + ": not UTF-8 text", bytes.getMessage());
  }

  @Test
  void aMissingOverrideDirectoryIsAnError() {
    assertThrows(RenderException.class, () -> Templates.withOverrides(tmp.resolve("nope")));
  }

  private void writeTemplate(String name, String text) {
    try {
      Files.writeString(tmp.resolve(name), text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
