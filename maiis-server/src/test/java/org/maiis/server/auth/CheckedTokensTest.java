package org.maiis.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CheckedTokensTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final CheckedTokens checked = new CheckedTokens(Duration.ofSeconds(1), now::get);

  @Test
  void aPassedCheckIsTrustedForRecheckAfterThenReadAgain() {
    checked.put("jti-1", "alice", Role.USER, checked.generation());
    assertEquals(Optional.of(Role.USER), checked.get("jti-1", "alice"));
    now.addAndGet(Duration.ofMillis(999).toNanos());
    assertEquals(Optional.of(Role.USER), checked.get("jti-1", "alice"));
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertTrue(checked.get("jti-1", "alice").isEmpty(), "expired after recheck_after");
  }

  @Test
  void anEntryIsOnlyForItsOwnTokenAndUser() {
    checked.put("jti-1", "alice", Role.ADMIN, checked.generation());
    assertTrue(checked.get("jti-2", "alice").isEmpty());
    assertTrue(checked.get("jti-1", "mallory").isEmpty());
  }

  @Test
  void aRevocationForgetsEveryEntryAndACheckBegunBeforeItStoresNothing() {
    long before = checked.generation();
    checked.put("jti-1", "alice", Role.USER, before);
    checked.invalidate();
    assertTrue(checked.get("jti-1", "alice").isEmpty(), "forgotten by the revocation");
    // A check that read the state before the revocation finishes after it: its result is stale.
    checked.put("jti-2", "bob", Role.USER, before);
    assertTrue(checked.get("jti-2", "bob").isEmpty(), "a stale result is never stored");
    checked.put("jti-2", "bob", Role.USER, checked.generation());
    assertEquals(Optional.of(Role.USER), checked.get("jti-2", "bob"));
  }

  @Test
  void zeroTurnsTheCacheOff() {
    CheckedTokens off = new CheckedTokens(Duration.ZERO, now::get);
    off.put("jti-1", "alice", Role.USER, off.generation());
    assertTrue(off.get("jti-1", "alice").isEmpty());
  }
}
