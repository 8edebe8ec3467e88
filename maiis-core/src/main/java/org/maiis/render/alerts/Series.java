package org.maiis.render.alerts;

/**
 * One input series of a promtool unit test, growing linearly: {@code start}, then {@code step} more
 * every minute.
 *
 * @param selector the series with its labels, such as {@code up{job="redis",instance="r:9121"}}
 * @param start the first sample
 * @param step the change per one-minute sample (0 for a constant gauge)
 */
public record Series(String selector, double start, double step) {

  /** A constant gauge. */
  public static Series gauge(String selector, double value) {
    return new Series(selector, value, 0);
  }

  /** A counter growing by {@code perSecond * 60} every minute, starting at 0. */
  public static Series counter(String selector, double perSecond) {
    return new Series(selector, 0, perSecond * 60);
  }

  /** promtool's expanding notation for {@code samples} samples: {@code 0+6x20}. */
  public String values(int samples) {
    String sign = step < 0 ? "-" : "+";
    return PromFormat.number(start) + sign + PromFormat.number(Math.abs(step)) + "x" + samples;
  }
}
