package org.maiis.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MonitoringConfig.Receivers;

class ReceiverCoverageTest {
  private static Receivers receivers(String yaml) {
    return new ConfigLoader(k -> null)
        .parse("t.yaml", "version: 1\nmonitoring:\n  receivers:\n" + yaml)
        .monitoring()
        .receivers();
  }

  @Test
  void warnsThatNoAlertReachesAnyoneWithoutReceivers() {
    List<String> w =
        ReceiverCoverage.warnings(new ConfigLoader(k -> null).defaults().monitoring().receivers());
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).contains("none is set, so no alert reaches anyone"), w.get(0));
  }

  @Test
  void warnsThatInfosAndTheWatchdogGoNowhereWithEmailAndPagerDutyOnly() {
    List<String> w =
        ReceiverCoverage.warnings(
            receivers(
                "    pagerduty: {routing_key_file: /run/secrets/pd}\n"
                    + "    email: {to: a@example.com, from: b@example.com,"
                    + " smarthost: smtp.example.com:587}\n"));
    assertEquals(2, w.size(), w.toString());
    assertTrue(w.get(0).contains("info alerts reach no one"), w.get(0));
    assertTrue(w.get(1).contains("Watchdog reaches no dead man's switch"), w.get(1));
  }

  @Test
  void isQuietWhenEverySeverityAndTheWatchdogHaveADestination() {
    assertEquals(
        List.of(),
        ReceiverCoverage.warnings(receivers("    webhook: {url: https://hooks.example.com/a}\n")));
  }
}
