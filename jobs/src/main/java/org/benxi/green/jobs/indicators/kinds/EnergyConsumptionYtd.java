package org.benxi.green.jobs.indicators.kinds;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.jobs.indicators.Formulas;
import org.benxi.green.jobs.indicators.IndicatorInputs;
import org.benxi.green.jobs.indicators.IndicatorKind;
import org.benxi.green.jobs.indicators.KindSeries;

/**
 * {@code energy_consumption_ytd}: the reporting enterprises' energy use in tonnes of standard coal,
 * summed from January to the month (the total the plan's dual control of energy use, 能耗双控,
 * watches); the trailing value sums the last 12 months. A month needs reports of its own.
 */
public final class EnergyConsumptionYtd implements IndicatorKind {
  @Override
  public String name() {
    return "energy_consumption_ytd";
  }

  @Override
  public List<String> requiredParameters() {
    return List.of();
  }

  @Override
  public List<String> inputs() {
    return List.of("energy");
  }

  @Override
  public boolean projectsTrailingValues() {
    return true;
  }

  @Override
  public boolean sumsOverCounties() {
    return true;
  }

  @Override
  public KindSeries compute(IndicatorDef def, IndicatorInputs in) {
    Formulas.ScopeSums sums = new Formulas.ScopeSums(1);
    for (IndicatorInputs.EnergySum e : in.energy()) {
      sums.add(e.county(), e.period(), e.tce());
    }
    KindSeries out = new KindSeries("no energy reports for");
    for (Map.Entry<String, TreeMap<YearMonth, BigDecimal[]>> scope : sums.byScope().entrySet()) {
      TreeMap<YearMonth, BigDecimal[]> months = scope.getValue();
      for (YearMonth m : months.keySet()) {
        BigDecimal ytd = total(months.subMap(YearMonth.of(m.getYear(), 1), true, m, true));
        BigDecimal ttm = total(months.subMap(m.minusMonths(11), true, m, true));
        out.put(scope.getKey(), m, new KindSeries.Cell(ytd.doubleValue(), ttm.doubleValue(), null));
      }
    }
    return out;
  }

  private static BigDecimal total(Map<YearMonth, BigDecimal[]> months) {
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal[] v : months.values()) {
      total = total.add(v[0]);
    }
    return total;
  }
}
