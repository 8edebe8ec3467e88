package org.maiis.render.alerts;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Number formatting as Prometheus templates and PromQL print it, so expected test output and
 * rendered thresholds match what Prometheus itself produces.
 */
public final class PromFormat {
  private PromFormat() {}

  /** A PromQL literal: shortest plain decimal ({@code 0.8}, {@code 1000}, {@code 0.05}). */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Go's {@code %.4g} as Prometheus's humanize uses it, for values between 1e-4 and 1e4. */
  static String g4(double v) {
    if (v == 0) {
      return "0";
    }
    int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
    int decimals = Math.max(0, 3 - exponent);
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /** What {@code humanizePercentage} prints for a ratio. */
  public static String percentage(double ratio) {
    return g4(ratio * 100) + "%";
  }

  /** What {@code printf "%.2f"} prints. */
  public static String twoDecimals(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
