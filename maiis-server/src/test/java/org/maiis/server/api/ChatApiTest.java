package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.maiis.server.api.ChatClients.Socket;

/** {@link ChatApiContract} on the embedded defaults (H2, in-process state). */
class ChatApiTest extends ChatApiContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }

  // Once, here only: it waits out the 10 s auth window.
  @Test
  void aSilentUnauthenticatedWebSocketIsClosedAfterTheAuthWindow() throws Exception {
    long start = System.nanoTime();
    try (Socket s = Socket.open(api(), null)) {
      assertEquals("1008 unauthorized", s.closeStatus());
      assertTrue(s.frames.isEmpty());
    }
    // Closed by the window, not at once (a lower bound only: no upper timing assertion).
    assertTrue(System.nanoTime() - start >= 9_000_000_000L, "closed before the auth window");
  }
}
