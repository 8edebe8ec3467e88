package org.maiis.cli.kb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a directory the server can read, by extension (the server checks the content again):
 * recursive, hidden files and directories skipped, sorted by relative path so runs are repeatable.
 */
final class IngestFiles {
  /** Extensions of the document types the server extracts text from. */
  static final Set<String> SUPPORTED =
      Set.of("pdf", "png", "jpg", "jpeg", "tif", "tiff", "docx", "txt", "md");

  /**
   * The listing.
   *
   * @param supported files to upload, sorted
   * @param skipped other regular files, sorted
   */
  record Listing(List<Path> supported, List<Path> skipped) {}

  private IngestFiles() {}

  static Listing of(Path dir) throws IOException {
    List<Path> supported = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files =
          walk.filter(p -> !hidden(dir, p))
              .filter(Files::isRegularFile)
              .sorted(
                  (a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()))
              .toList();
      for (Path f : files) {
        (SUPPORTED.contains(extension(f)) ? supported : skipped).add(f);
      }
    }
    return new Listing(supported, skipped);
  }

  private static boolean hidden(Path dir, Path p) {
    for (Path part : dir.relativize(p)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String extension(Path f) {
    String name = f.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
