package org.maiis.render.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
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
   * The first line of every rendered file that carries one (YAML, mtail): how {@link #stalePaths}
   * recognises a file an earlier render wrote.
   */
  public static final String MARKER =
      "# Rendered by maiis from maiis.yaml; edit that file, not this one.";

  /**
   * Writes every file under {@code dir}, mode 0644: all of them or none (temp files first, then the
   * renames), then removes the {@link #stalePaths stale} ones. Other files of {@code dir} are left
   * alone.
   *
   * @return the stale paths it removed, relative to {@code dir}
   */
  public List<String> writeTo(Path dir) throws IOException {
    List<String> stale = stalePaths(dir);
    Map<Path, byte[]> targets = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      targets.put(dir.resolve(e.getKey()), e.getValue());
    }
    AtomicFiles.writeAll(targets, AtomicFiles.PUBLIC);
    for (String path : stale) {
      Files.deleteIfExists(dir.resolve(path));
    }
    return stale;
  }

  /**
   * Files an earlier render wrote into {@code dir} that this tree no longer has, sorted: in a
   * directory this tree writes into, with the extension of a file it writes there, and starting
   * with {@link #MARKER}. Prometheus loads {@code rules/*.yml} by glob, so a rule file left over
   * from a job that is now disabled would otherwise stay loaded.
   */
  public List<String> stalePaths(Path dir) throws IOException {
    Map<String, Set<String>> extensionsByDir = new TreeMap<>();
    for (String path : files.keySet()) {
      Path p = Path.of(path);
      String parent = p.getParent() == null ? "" : p.getParent().toString();
      extensionsByDir
          .computeIfAbsent(parent, k -> new TreeSet<>())
          .add(extension(p.getFileName().toString()));
    }
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : extensionsByDir.entrySet()) {
      Path sub = e.getKey().isEmpty() ? dir : dir.resolve(e.getKey());
      if (!Files.isDirectory(sub)) {
        continue;
      }
      try (Stream<Path> listing = Files.list(sub)) {
        for (Path f : listing.sorted().toList()) {
          String name = f.getFileName().toString();
          String rel = e.getKey().isEmpty() ? name : e.getKey() + "/" + name;
          if (!files.containsKey(rel)
              && e.getValue().contains(extension(name))
              && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
              && startsWithMarker(f)) {
            stale.add(rel);
          }
        }
      }
    }
    Collections.sort(stale);
    return stale;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot);
  }

  private static boolean startsWithMarker(Path f) throws IOException {
    byte[] want = MARKER.getBytes(StandardCharsets.UTF_8);
    try (InputStream in = Files.newInputStream(f)) {
      return Arrays.equals(in.readNBytes(want.length), want);
    }
  }
}
