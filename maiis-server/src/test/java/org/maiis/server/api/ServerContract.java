package org.maiis.server.api;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract whose tests share one server, started before them on the backend a subclass names
 * (embedded in *Test, PostgreSQL and Redis in *PostgresIT) and closed after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerContract {
  @AutoClose Harness h;
  Api api;

  /** Where the server keeps its state. */
  abstract Backend backend();

  /** Lines under {@code server:} that this contract's server needs; none by default. */
  String serverYaml() {
    return "";
  }

  @BeforeAll
  void startServer(@TempDir Path dir) throws Exception {
    h = Harness.start(dir, backend(), serverYaml());
    api = h.api;
  }
}
