package org.maiis.cli.dev;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs this same maiis again: the running JVM and its jar. */
final class SelfCommand {
  private SelfCommand() {}

  /**
   * {@code JAVA -jar JAR} when running from the jar; {@code JAVA -cp CLASSPATH MAIN} when running
   * from classes (an IDE or a test). {@code main} is the class of the root command, handed in by
   * the caller so that this leaf package never imports the CLI's root package.
   */
  static List<String> current(Class<?> main) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path source;
    try {
      source = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
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
      cmd.add(main.getName());
    }
    return cmd;
  }
}
