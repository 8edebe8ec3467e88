package org.maiis.server.banking;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import org.maiis.server.failure.Failure;

/** Checks on amounts and currencies: exact decimals with at most two places. */
public final class Money {
  /** The largest value a NUMERIC(15,2) column holds. */
  public static final BigDecimal MAX = new BigDecimal("9999999999999.99");

  private Money() {}

  /** {@code value} as a positive amount with scale 2; 400/422 otherwise. */
  public static BigDecimal positive(String field, BigDecimal value) {
    BigDecimal v = nonNegative(field, value);
    if (v.signum() == 0) {
      throw Failure.ruleBroken("invalid_amount", field + " must be greater than 0");
    }
    return v;
  }

  /** {@code value} as a non-negative amount with scale 2; 400/422 otherwise. */
  public static BigDecimal nonNegative(String field, BigDecimal value) {
    if (value == null) {
      throw Failure.invalid("invalid_field", field + " is required");
    }
    if (value.stripTrailingZeros().scale() > 2) {
      throw Failure.invalid("invalid_field", field + " has more than 2 decimal places");
    }
    if (value.signum() < 0) {
      throw Failure.ruleBroken("invalid_amount", field + " must not be negative");
    }
    if (value.compareTo(MAX) > 0) {
      throw Failure.ruleBroken("invalid_amount", field + " is too large");
    }
    return value.setScale(2);
  }

  /** An ISO 4217 code, upper-cased; USD when absent. */
  public static String currency(String code) {
    if (code == null || code.isBlank()) {
      return "USD";
    }
    String c = code.strip().toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z]{3}")) {
      throw Failure.invalid("invalid_field", "currency is not an ISO 4217 code");
    }
    try {
      return Currency.getInstance(c).getCurrencyCode();
    } catch (IllegalArgumentException e) {
      throw Failure.invalid("invalid_field", "currency is not an ISO 4217 code");
    }
  }
}
