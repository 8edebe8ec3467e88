package org.maiis.render.alerts;

import java.util.Locale;

/** How urgently an alert needs a person; Alertmanager routes on it. */
public enum Severity {
  /** Page now: users are affected or about to be. */
  CRITICAL,
  /** Look today: something degrades or will fail. */
  WARNING,
  /** Awareness only: no action unless it persists. */
  INFO;

  /** The label value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
