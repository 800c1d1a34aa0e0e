package org.benxi.green.jobs.indicators.kinds;

import java.time.YearMonth;
import java.util.Map;
import org.benxi.green.jobs.indicators.IndicatorInputs;
import org.benxi.green.jobs.indicators.KindSeries;

/**
 * Count kinds give every scope and month a value: the count where there is one, zero where the
 * register exists but counts nothing there, and missing only where no register was submitted.
 */
final class Counts {
  private Counts() {}

  static KindSeries withZeros(
      Map<String, Map<YearMonth, Double>> counts,
      boolean registerSubmitted,
      IndicatorInputs in,
      String reason) {
    KindSeries out = new KindSeries(reason);
    if (!registerSubmitted) {
      return out;
    }
    for (String scope : in.scopes()) {
      Map<YearMonth, Double> byMonth = counts.getOrDefault(scope, Map.of());
      for (YearMonth m : in.months()) {
        Double n = byMonth.get(m);
        double value = n == null ? 0.0 : n;
        out.put(scope, m, new KindSeries.Cell(value, value, null));
      }
    }
    return out;
  }
}
