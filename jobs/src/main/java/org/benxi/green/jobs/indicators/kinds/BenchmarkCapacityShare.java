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
 * {@code benchmark_capacity_share}: capacity of production lines at the energy-efficiency benchmark
 * as a share of the capacity of lines with output, unit consumption taken over the 12 months ending
 * the month; only for scopes where some line reported in the month.
 */
public final class BenchmarkCapacityShare implements IndicatorKind {
  @Override
  public String name() {
    return "benchmark_capacity_share";
  }

  @Override
  public List<String> requiredParameters() {
    return List.of();
  }

  @Override
  public List<String> inputs() {
    return List.of("lines");
  }

  @Override
  public boolean projectsTrailingValues() {
    return false;
  }

  @Override
  public boolean readsLineWindows() {
    return true;
  }

  @Override
  public KindSeries compute(IndicatorDef def, IndicatorInputs in) {
    Formulas.ScopeSums sums = new Formulas.ScopeSums(3);
    for (IndicatorInputs.LineSum l : in.lines()) {
      sums.add(
          l.county(),
          l.period(),
          l.outputCapacity(),
          l.benchmarkCapacity(),
          BigDecimal.valueOf(l.reporting()));
    }
    KindSeries out = new KindSeries("no production-line reports for");
    for (Map.Entry<String, TreeMap<YearMonth, BigDecimal[]>> scope : sums.byScope().entrySet()) {
      scope
          .getValue()
          .forEach(
              (m, v) -> {
                if (v[2].signum() > 0) {
                  Double share = Formulas.ratio(v[1], v[0], 100);
                  out.put(
                      scope.getKey(),
                      m,
                      new KindSeries.Cell(
                          share, share, "no production line had output in the 12 months"));
                }
              });
    }
    return out;
  }
}
