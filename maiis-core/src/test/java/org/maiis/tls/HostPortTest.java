package org.maiis.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {
  @Test
  void splitsAtTheLastColonAndDropsIpv6Brackets() {
    assertEquals(
        Optional.of(new HostPort("example.test", 443)), HostPort.parse("example.test:443"));
    assertEquals(Optional.of(new HostPort("::1", 8443)), HostPort.parse("[::1]:8443"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.test", ":443"})
  void withoutAHostBeforeAColonThereIsNoEndpoint(String text) {
    assertEquals(Optional.empty(), HostPort.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.test:https",
        "example.test:",
        "example.test:0",
        "example.test:99999",
        "[]:443"
      })
  void aPortThatIsNotANumberOrOutOfRangeIsNoEndpoint(String text) {
    assertEquals(Optional.empty(), HostPort.parse(text));
  }
}
