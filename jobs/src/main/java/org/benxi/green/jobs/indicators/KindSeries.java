package org.benxi.green.jobs.indicators;

import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a kind computed for one indicator: per scope and month, a value (null when it cannot be
 * computed), the trailing-12-month value and the reason for a missing value; and the reason for the
 * scopes and months it has no row for at all.
 */
public final class KindSeries {
  /** One computed month of one scope. */
  public record Cell(Double value, Double ttm, String missingReason) {}

  private final Map<String, Map<YearMonth, Cell>> cells = new TreeMap<>();
  private final String defaultReason;

  /** An empty series; {@code defaultReason} is followed by the scope and month when used. */
  public KindSeries(String defaultReason) {
    this.defaultReason = defaultReason;
  }

  /** Sets the cell of {@code scope} in {@code month}. */
  public void put(String scope, YearMonth month, Cell cell) {
    cells.computeIfAbsent(scope, s -> new TreeMap<>()).put(month, cell);
  }

  /** The cell, or {@code null} when the kind computed nothing there. */
  public Cell get(String scope, YearMonth month) {
    Map<YearMonth, Cell> byMonth = cells.get(scope);
    return byMonth == null ? null : byMonth.get(month);
  }

  /** The reason for a scope and month without a cell. */
  public String defaultReason(String scope, YearMonth month) {
    return defaultReason + ": " + scope + " " + month;
  }
}
