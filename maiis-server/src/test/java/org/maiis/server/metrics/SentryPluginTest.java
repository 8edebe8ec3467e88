package org.maiis.server.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

class SentryPluginTest {
  @Test
  void clientDisconnectsAreNotServerErrors() {
    assertTrue(SentryPlugin.clientWentAway(new EofException("reset")));
    assertTrue(SentryPlugin.clientWentAway(new IllegalStateException(new EofException())));
    assertTrue(SentryPlugin.clientWentAway(new IOException("Broken pipe")));
    assertFalse(SentryPlugin.clientWentAway(new IOException("disk full")));
    assertFalse(SentryPlugin.clientWentAway(new IllegalStateException("kaput")));
  }
}
