package org.maiis.server.http;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress addresses = new ClientAddress(List.of("127.0.0.1", "::1"));

  @Test
  void aTrustedProxyNamesTheClient() {
    assertEquals("203.0.113.7", addresses.of("127.0.0.1", "203.0.113.7"));
    assertEquals("203.0.113.7", addresses.of("0:0:0:0:0:0:0:1", "203.0.113.7"));
    assertEquals("2001:db8:0:0:0:0:0:1", addresses.of("[::1]", "2001:db8::1"));
  }

  @Test
  void anyoneElseCannotForgeTheHeader() {
    assertEquals("198.51.100.9", addresses.of("198.51.100.9", "203.0.113.7"));
    assertEquals("198.51.100.9", addresses.of("198.51.100.9", null));
  }

  @Test
  void aMalformedHeaderFallsBackToThePeer() {
    assertEquals("127.0.0.1", addresses.of("127.0.0.1", "evil.example.com"));
    assertEquals("127.0.0.1", addresses.of("127.0.0.1", "1.2.3.4, 5.6.7.8"));
    assertEquals("127.0.0.1", addresses.of("127.0.0.1", ""));
  }
}
