package org.maiis.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void splitsAtTheLastColonAndDropsIpv6Brackets() {
    assertEquals(
        Optional.of(new HostPort("example.test", 443)), HostPort.parse("example.test:443"));
    assertEquals(Optional.of(new HostPort("::1", 8443)), HostPort.parse("[::1]:8443"));
  }

  @Test
  void withoutAHostBeforeAColonThereIsNoEndpoint() {
    assertEquals(Optional.empty(), HostPort.parse("example.test"));
    assertEquals(Optional.empty(), HostPort.parse(":443"));
  }

  @Test
  void aPortThatIsNotANumberOrOutOfRangeIsNoEndpoint() {
    assertEquals(Optional.empty(), HostPort.parse("example.test:https"));
    assertEquals(Optional.empty(), HostPort.parse("example.test:"));
    assertEquals(Optional.empty(), HostPort.parse("example.test:0"));
    assertEquals(Optional.empty(), HostPort.parse("example.test:99999"));
    assertEquals(Optional.empty(), HostPort.parse("[]:443"));
  }
}
