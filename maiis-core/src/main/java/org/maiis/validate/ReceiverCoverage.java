package org.maiis.validate;

import java.util.ArrayList;
import java.util.List;
import org.maiis.config.MonitoringConfig.Receivers;

/**
 * Warnings about alerts that would be routed to a receiver with nowhere to send them. Not errors: a
 * laptop or a CI run has no receivers on purpose. (Combinations that cannot work in production,
 * such as PagerDuty alone, are rejected when the config is loaded.)
 */
public final class ReceiverCoverage {
  private ReceiverCoverage() {}

  /** One line per severity (or the Watchdog) that reaches no one with {@code receivers}. */
  public static List<String> warnings(Receivers r) {
    List<String> out = new ArrayList<>();
    if (r.slack().isEmpty()
        && r.email().isEmpty()
        && r.pagerduty().isEmpty()
        && r.webhook().isEmpty()) {
      out.add(
          "warning: monitoring.receivers: none is set, so no alert reaches anyone. Set slack,"
              + " email, pagerduty or webhook.");
      return out;
    }
    if (r.slack().isEmpty() && r.webhook().isEmpty()) {
      out.add(
          "warning: monitoring.receivers: info alerts reach no one (only slack and webhook take"
              + " them). Set one of those to see them.");
    }
    if (r.webhook().isEmpty()) {
      out.add(
          "warning: monitoring.receivers: the Watchdog reaches no dead man's switch, so a dead"
              + " alerting pipeline pages no one. Set webhook to such a service.");
    }
    return out;
  }
}
