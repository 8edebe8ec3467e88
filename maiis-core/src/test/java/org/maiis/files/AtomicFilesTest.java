package org.maiis.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesContentAndLeavesNoTempFile() throws IOException {
    Path f = dir.resolve("sub/a.conf");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    try (var files = Files.list(f.getParent())) {
      assertEquals(List.of(f), files.toList());
    }
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void privateFilesAreOwnerOnlyFromTheStart() throws IOException {
    Path key = dir.resolve("privkey.pem");
    AtomicFiles.write(key, "k".getBytes(), AtomicFiles.PRIVATE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
  }

  @Test
  void errorsNameTheTargetNotATempFile() throws IOException {
    Path taken = dir.resolve("taken");
    Files.createDirectories(taken);
    IOException overDirectory =
        assertThrows(IOException.class, () -> AtomicFiles.writeString(taken, "x"));
    assertEquals(
        taken.toAbsolutePath() + ": is a directory, not a file", overDirectory.getMessage());

    Path file = dir.resolve("file");
    Files.writeString(file, "kept");
    IOException underAFile =
        assertThrows(IOException.class, () -> AtomicFiles.writeString(file.resolve("x"), "x"));
    assertEquals(file.toAbsolutePath() + ": not a directory", underAFile.getMessage());
    assertEquals("kept", Files.readString(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file, taken), files.sorted().toList());
    }
  }
}
