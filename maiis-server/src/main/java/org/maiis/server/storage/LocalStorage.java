package org.maiis.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.maiis.files.AtomicFiles;

/** {@link ObjectStorage} in a local directory (the default, under the data directory). */
public final class LocalStorage implements ObjectStorage {
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
  private final Path dir;

  /** A store in {@code dir}, created when missing. */
  public LocalStorage(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  @Override
  public String put(byte[] bytes) throws IOException {
    String name = UUID.randomUUID().toString();
    AtomicFiles.write(dir.resolve(name), bytes, AtomicFiles.PRIVATE);
    return name;
  }

  @Override
  public byte[] get(String name) throws IOException {
    return Files.readAllBytes(path(name));
  }

  @Override
  public void delete(String name) throws IOException {
    Files.deleteIfExists(path(name));
  }

  @Override
  public String kind() {
    return "local";
  }

  private Path path(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an object name this store generated");
    }
    return dir.resolve(name);
  }
}
