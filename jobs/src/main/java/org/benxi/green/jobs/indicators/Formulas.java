package org.benxi.green.jobs.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import org.benxi.green.jobs.marts.Scopes;

/**
 * The arithmetic every kind shares, with Spark SQL's semantics where values were once computed by
 * Spark: exact decimal sums, a decimal taken to double as {@link BigDecimal#doubleValue}, and
 * rounding of doubles half up on their shortest decimal form.
 */
public final class Formulas {
  /** Decimals kept in indicator values, so that comparisons never hinge on binary noise. */
  public static final int DECIMALS = 6;

  private Formulas() {}

  /** {@code numerator * multiplier / denominator} in doubles, or null when the denominator is 0. */
  public static Double ratio(BigDecimal numerator, BigDecimal denominator, double multiplier) {
    if (numerator == null || denominator == null || denominator.signum() == 0) {
      return null;
    }
    return numerator.doubleValue() * multiplier / denominator.doubleValue();
  }

  /** {@link #ratio} of two counts. */
  public static Double ratio(long numerator, long denominator, double multiplier) {
    return denominator == 0 ? null : (double) numerator * multiplier / (double) denominator;
  }

  /** Rounds to {@link #DECIMALS} decimals, half up, as Spark's {@code round} does for doubles. */
  public static Double round(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return value;
    }
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue();
  }

  /** Exact sum as SQL adds: null when either side is null. */
  public static BigDecimal add(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.add(b);
  }

  /** Exact sum as SQL's {@code sum} aggregates: nulls are skipped. */
  public static BigDecimal plus(BigDecimal a, BigDecimal b) {
    return a == null ? b : b == null ? a : a.add(b);
  }

  /**
   * Sums of {@code width} measures per scope and month: each row added to its county and to the
   * city.
   */
  public static final class ScopeSums {
    private final int width;
    private final Map<String, TreeMap<YearMonth, BigDecimal[]>> sums = new TreeMap<>();

    /** Sums of {@code width} measures. */
    public ScopeSums(int width) {
      this.width = width;
    }

    /** Adds a county's row to the county and to the city. */
    public void add(String county, YearMonth month, BigDecimal... values) {
      addTo(county, month, values);
      addTo(Scopes.CITY, month, values);
    }

    private void addTo(String scope, YearMonth month, BigDecimal[] values) {
      BigDecimal[] total =
          sums.computeIfAbsent(scope, s -> new TreeMap<>())
              .computeIfAbsent(month, m -> new BigDecimal[width]);
      for (int i = 0; i < width; i++) {
        total[i] = plus(total[i], values[i]);
      }
    }

    /** The months each scope has rows in, with their sums. */
    public Map<String, TreeMap<YearMonth, BigDecimal[]>> byScope() {
      return sums;
    }
  }
}
