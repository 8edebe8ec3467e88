package org.maiis.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.maiis.cli.common.ExitCodes;

/** Every exit code in ExitCodes is documented in docs/EXIT_CODES.md and in maiis --help. */
class ExitCodesDocTest {
  @Test
  void everyCodeIsDocumented() throws IOException, IllegalAccessException {
    String doc = Files.readString(Path.of("../docs/EXIT_CODES.md"));
    String help = CliRun.of("--help").out();
    for (Field f : ExitCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        int code = f.getInt(null);
        assertTrue(doc.contains("\n| " + code + " |"), f.getName() + " missing from EXIT_CODES.md");
        assertTrue(help.contains("\n  " + code + "  "), f.getName() + " missing from --help");
      }
    }
  }
}
