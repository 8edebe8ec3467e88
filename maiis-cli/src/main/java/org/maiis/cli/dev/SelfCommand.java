package org.maiis.cli.dev;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.maiis.cli.Maiis;

/** The command line that runs this same maiis again: the running JVM and its jar. */
final class SelfCommand {
  private SelfCommand() {}

  /**
   * {@code JAVA -jar JAR} when running from the jar; {@code JAVA -cp CLASSPATH org.maiis.cli.Maiis}
   * when running from classes (an IDE or a test).
   */
  static List<String> current() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path source;
    try {
      source = Path.of(Maiis.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the maiis jar", e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    if (Files.isRegularFile(source)) {
      cmd.add("-jar");
      cmd.add(source.toAbsolutePath().toString());
    } else {
      List<String> cp = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        cp.add(Path.of(entry).toAbsolutePath().toString());
      }
      cmd.add("-cp");
      cmd.add(String.join(File.pathSeparator, cp));
      cmd.add(Maiis.class.getName());
    }
    return cmd;
  }
}
