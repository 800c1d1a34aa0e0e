package org.benxi.green.datasets;

import java.io.Serializable;
import java.time.YearMonth;

/**
 * One plan of {@code catalog/plans.csv}: the document that sets targets, its baseline and target
 * periods, and where it comes from. Expected values follow a straight line between the two periods.
 */
public record Plan(
    String id,
    String document,
    String title,
    YearMonth baselinePeriod,
    YearMonth targetPeriod,
    String source)
    implements Serializable {

  /** Months from the baseline period to the target period (60 for 2020-12 to 2025-12). */
  public int months() {
    return IndicatorCatalog.monthsBetween(baselinePeriod, targetPeriod);
  }

  /** True when {@code period} lies after the target period: the plan has a final evaluation. */
  public boolean endedBy(YearMonth period) {
    return period.isAfter(targetPeriod);
  }
}
