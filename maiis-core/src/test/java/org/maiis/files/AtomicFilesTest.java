package org.maiis.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
