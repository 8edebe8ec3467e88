package org.maiis.render.grafana;

/**
 * A dashboard template variable filled from Prometheus label values; queries use it as {@code
 * instance=~"$instance"}, and "All" selects {@code .*}.
 *
 * @param name variable name, used as {@code $name}
 * @param label shown in the variable bar
 * @param metricSelector the series whose label values are offered, such as {@code up{job="node"}}
 * @param labelName the label whose values are offered
 */
public record Variable(String name, String label, String metricSelector, String labelName) {

  /** The {@code label_values(...)} query Grafana runs to fill it. */
  public String definition() {
    return "label_values(" + metricSelector + ", " + labelName + ")";
  }
}
