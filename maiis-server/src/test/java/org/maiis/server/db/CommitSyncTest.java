package org.maiis.server.db;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Group commit never leaves a waiter hanging, whatever the sync fails with. */
class CommitSyncTest {
  private static CompletableFuture<Void> waitDurable(CommitSync sync) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            sync.awaitDurable();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aSyncThatCannotOpenItsConnectionFailsTheWaitersAndTheNextOneTriesAgain() throws Exception {
    AtomicInteger opens = new AtomicInteger();
    CommitSync sync =
        new CommitSync(
            () -> {
              if (opens.incrementAndGet() == 1) {
                throw new IllegalStateException("no space left on device");
              }
              return DriverManager.getConnection("jdbc:h2:mem:commitsync1", "sa", "");
            });
    SQLException first = assertThrows(SQLException.class, sync::awaitDurable);
    assertEquals("58030", first.getSQLState());
    // Not stuck: a later commit runs a sync of its own, which now succeeds.
    waitDurable(sync).get(10, TimeUnit.SECONDS);
    assertEquals(2, opens.get());
    sync.close();
  }

  @Test
  void concurrentCommitsAreSyncedThroughOneConnection() throws Exception {
    AtomicInteger opens = new AtomicInteger();
    CommitSync sync =
        new CommitSync(
            () -> {
              opens.incrementAndGet();
              return DriverManager.getConnection("jdbc:h2:mem:commitsync2", "sa", "");
            });
    CompletableFuture<?>[] waiters = new CompletableFuture<?>[32];
    for (int i = 0; i < waiters.length; i++) {
      waiters[i] = waitDurable(sync);
    }
    CompletableFuture.allOf(waiters).get(30, TimeUnit.SECONDS);
    assertEquals(1, opens.get());
    sync.close();
  }
}
