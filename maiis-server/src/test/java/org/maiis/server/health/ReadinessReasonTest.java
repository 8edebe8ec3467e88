package org.maiis.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** /health/ready says why a check is down in words, never with a Java class name. */
class ReadinessReasonTest {
  @Test
  void reasonsAreWords() {
    assertEquals(
        "not reachable",
        HealthController.reason(new RuntimeException(new ConnectException("Connection refused"))));
    assertEquals(
        "credentials refused",
        HealthController.reason(
            new RuntimeException(
                new RuntimeException("WRONGPASS invalid username-password pair"))));
    assertEquals(
        "timed out",
        HealthController.reason(
            new RuntimeException(new java.net.SocketTimeoutException("Read timed out"))));
    assertEquals("query failed", HealthController.reason(new SQLException("boom")));
  }
}
