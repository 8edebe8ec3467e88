package org.maiis.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.maiis.files.AtomicFiles;

/**
 * Rendered files held in memory, by relative path ({@code nginx/nginx.conf}). Rendering builds the
 * whole tree before anything touches the disk, so a failed render writes nothing.
 */
public final class RenderedTree {
  private final SortedMap<String, byte[]> files;

  private RenderedTree(SortedMap<String, byte[]> files) {
    this.files = files;
  }

  /** An empty tree. */
  public static RenderedTree empty() {
    return new RenderedTree(new TreeMap<>());
  }

  /**
   * This tree plus {@code path} with {@code text} (UTF-8).
   *
   * @throws IllegalArgumentException when {@code path} is absolute, escapes the tree or is taken
   */
  public RenderedTree with(String path, String text) {
    return with(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** This tree plus {@code path} with {@code bytes}. */
  public RenderedTree with(String path, byte[] bytes) {
    Path p = Path.of(path);
    if (path.isEmpty()
        || p.isAbsolute()
        || !p.normalize().equals(p)
        || !p.toString().equals(path)
        || path.startsWith("..")) {
      throw new IllegalArgumentException("not a relative path inside the tree: " + path);
    }
    if (files.containsKey(path)) {
      throw new IllegalArgumentException("rendered twice: " + path);
    }
    SortedMap<String, byte[]> copy = new TreeMap<>(files);
    copy.put(path, bytes.clone());
    return new RenderedTree(copy);
  }

  /** Both trees' files; they must not share a path. */
  public RenderedTree plus(RenderedTree other) {
    RenderedTree result = this;
    for (Map.Entry<String, byte[]> e : other.files.entrySet()) {
      result = result.with(e.getKey(), e.getValue());
    }
    return result;
  }

  /** The relative paths, sorted. */
  public java.util.SortedSet<String> paths() {
    return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(files.keySet()));
  }

  /** Whether the tree has {@code path}. */
  public boolean has(String path) {
    return files.containsKey(path);
  }

  /** The bytes of {@code path}; throws IllegalArgumentException when absent. */
  public byte[] bytes(String path) {
    byte[] b = files.get(path);
    if (b == null) {
      throw new IllegalArgumentException("not rendered: " + path);
    }
    return b.clone();
  }

  /** The text of {@code path} (UTF-8). */
  public String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /**
   * Writes every file under {@code dir}, each atomically (temp file, fsync, rename), mode 0644.
   * Files of {@code dir} that are not in the tree are left alone.
   */
  public void writeTo(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      AtomicFiles.write(dir.resolve(e.getKey()), e.getValue(), AtomicFiles.PUBLIC);
    }
  }
}
