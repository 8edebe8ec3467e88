package org.maiis.acme;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a lineage's renewal file and reads and writes its state file. */
final class LineageRecords {
  private final CertificateStore store;

  LineageRecords(CertificateStore store) {
    this.store = store;
  }

  /**
   * The renewal settings of {@code name}.
   *
   * @throws IOException naming the file and the field when it is unreadable or incomplete
   */
  Optional<LineageSettings> settings(String name) throws IOException {
    return readSettings(store, name);
  }

  static Optional<LineageSettings> readSettings(CertificateStore store, String name)
      throws IOException {
    Path file = store.renewalFile(name);
    Optional<LineageSettings> s = JsonFiles.read(file, LineageSettings.class);
    if (s.isPresent()) {
      String missing = s.get().missingField();
      if (missing != null) {
        throw new IOException(file + ": missing or empty field '" + missing + "'");
      }
      if (!s.get().name().equals(name)) {
        // Renewing it would write into another lineage's directories.
        throw new IOException(
            file + ": field 'name' is '" + s.get().name() + "', expected '" + name + "'");
      }
    }
    return s;
  }

  /**
   * The CA {@code name} renews at (its directory and trust, from the renewal file or the copy
   * staged with a pending version), or {@code name} itself when that cannot be read: such a lineage
   * fails alone, without a CA.
   */
  Object caOf(String name) {
    try {
      Optional<LineageSettings> s = settings(name);
      if (s.isEmpty() && store.pendingVersion(name).isPresent()) {
        s = store.stagedSettings(name, store.pendingVersion(name).getAsInt());
      }
      return s.<Object>map(CaClients.Key::of).orElse(name);
    } catch (IOException | RuntimeException e) {
      return name;
    }
  }

  /** The recorded state of {@code name}. */
  LineageState state(String name) throws IOException {
    return JsonFiles.read(store.stateFile(name), LineageState.class).orElse(LineageState.EMPTY);
  }

  /** Replaces the recorded state of {@code name}. */
  void record(String name, LineageState s) throws IOException {
    JsonFiles.write(store.stateFile(name), s);
  }
}
