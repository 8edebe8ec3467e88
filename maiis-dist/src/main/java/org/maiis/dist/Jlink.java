package org.maiis.dist;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Builds the Java runtime the distribution ships, so that installing maiis needs no system Java:
 * jdeps lists the JDK modules the shaded jar uses, and jlink links exactly those (plus the service
 * providers jdeps cannot see) into a stripped runtime. Both tools run in-process through {@link
 * ToolProvider}, so the build needs only the JDK that runs Maven.
 *
 * <p>Usage: {@code Jlink JAR RUNTIME_DIR}.
 */
public final class Jlink {
  /**
   * Modules loaded as service providers, never referenced by a class, so jdeps cannot find them:
   * elliptic-curve TLS and keys (ACME, the API's HTTPS peers), zip file systems (resources inside
   * jars), the extra charsets (PDF text), DNS for JNDI, and the algorithms behind {@code
   * RandomGenerator.getDefault()} (renewal jitter; DistPackageIT caught its absence).
   */
  static final List<String> PROVIDERS =
      List.of(
          "jdk.crypto.ec",
          "jdk.zipfs",
          "jdk.charsets",
          "jdk.naming.dns",
          "jdk.localedata",
          "jdk.random");

  private Jlink() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: Jlink JAR RUNTIME_DIR");
    }
    Path jar = Path.of(args[0]);
    Path runtime = Path.of(args[1]);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build maiis-cli first (mvn -B package)");
    }
    TreeSet<String> modules = new TreeSet<>(PROVIDERS);
    String deps =
        tool(
            "jdeps",
            "--print-module-deps",
            "--ignore-missing-deps",
            "--multi-release",
            "17",
            jar.toString());
    modules.addAll(Arrays.asList(deps.strip().split(",")));
    System.out.println("jlink: modules " + String.join(",", modules));
    deleteTree(runtime);
    tool(
        "jlink",
        "--add-modules",
        String.join(",", modules),
        "--output",
        runtime.toString(),
        "--strip-debug",
        "--no-header-files",
        "--no-man-pages",
        "--compress=2",
        "--generate-cds-archive");
  }

  private static String tool(String name, String... args) {
    ToolProvider tool =
        ToolProvider.findFirst(name)
            .orElseThrow(() -> new IllegalStateException(name + " not found: build with a JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = tool.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    if (rc != 0) {
      throw new IllegalStateException(name + " failed (exit " + rc + "): " + err + out);
    }
    return out.toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (var walk = Files.walk(dir)) {
      walk.forEach(all::add);
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Files.delete(all.get(i));
    }
  }
}
