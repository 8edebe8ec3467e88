package org.maiis.server.rag;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the knowledge-base tests start from: a fresh database per test under {@link #dir} with two
 * users, alice and bob, and the hashing embedder. Closed after the subclass's own clean-up.
 */
abstract class KbTestBase {
  @TempDir Path dir;
  KbFixture f;
  final KbFixture.HashingEmbedder embedder = new KbFixture.HashingEmbedder();
  String alice;
  String bob;

  @BeforeEach
  void openDatabase() {
    f = new KbFixture(dir.resolve("db"));
    alice = f.user();
    bob = f.user();
  }

  @AfterEach
  void closeDatabase() {
    f.close();
  }
}
