package org.maiis.render.alerts;

import java.util.List;
import java.util.Map;

/**
 * The promtool unit test of one alert: series that must make it fire (after its {@code for}) with
 * exactly these labels and this description, and series just across the threshold that must keep it
 * silent.
 *
 * @param firing input that crosses the threshold
 * @param quiet input on the safe side of the threshold
 * @param labels the alert's labels besides alertname and severity
 * @param description the description as Prometheus must render it for the firing input
 */
public record Fixture(
    List<Series> firing, List<Series> quiet, Map<String, String> labels, String description) {}
