package org.benxi.green.jobs.publish;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting of published CSV files: {@code .} decimal point, no exponent, no grouping. */
public final class Decimals {
  /** Decimal places in indicators.csv. */
  public static final int CSV_DECIMALS = 4;

  private Decimals() {}

  /**
   * {@code null} as empty; otherwise rounded half-up to {@link #CSV_DECIMALS}, no trailing zeros.
   */
  public static String plain(Double value) {
    if (value == null) {
      return "";
    }
    BigDecimal rounded =
        BigDecimal.valueOf(value).setScale(CSV_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
    if (rounded.signum() == 0) {
      return "0";
    }
    return rounded.toPlainString();
  }
}
