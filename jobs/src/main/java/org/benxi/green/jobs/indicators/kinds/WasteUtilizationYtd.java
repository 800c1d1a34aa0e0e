package org.benxi.green.jobs.indicators.kinds;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.jobs.indicators.Formulas;
import org.benxi.green.jobs.indicators.IndicatorInputs;
import org.benxi.green.jobs.indicators.IndicatorKind;
import org.benxi.green.jobs.indicators.KindSeries;

/**
 * {@code waste_utilization_ytd}: utilized / (generated + utilized from prior years' storage), year
 * to date, of the categories in {@code categories} ({@code bulk} for every bulk solid waste).
 */
public final class WasteUtilizationYtd implements IndicatorKind {
  private static final String NOTHING =
      "nothing generated and nothing taken from storage so far this year";

  @Override
  public String name() {
    return "waste_utilization_ytd";
  }

  @Override
  public List<String> requiredParameters() {
    return List.of("categories");
  }

  @Override
  public List<String> inputs() {
    return List.of("waste");
  }

  @Override
  public boolean projectsTrailingValues() {
    return true;
  }

  @Override
  public KindSeries compute(IndicatorDef def, IndicatorInputs in) {
    String categories = def.param("categories");
    Set<String> listed = Set.of(categories.split("\\|"));
    Predicate<IndicatorInputs.Waste> counted =
        categories.equals("bulk")
            ? IndicatorInputs.Waste::bulk
            : w -> listed.contains(w.category());
    Formulas.ScopeSums sums = new Formulas.ScopeSums(3);
    for (IndicatorInputs.Waste w : in.waste()) {
      if (counted.test(w)) {
        sums.add(w.county(), w.period(), w.generated(), w.utilized(), w.prior());
      }
    }
    KindSeries out = new KindSeries("no solid-waste reports for");
    for (Map.Entry<String, TreeMap<YearMonth, BigDecimal[]>> scope : sums.byScope().entrySet()) {
      TreeMap<YearMonth, BigDecimal[]> months = scope.getValue();
      for (YearMonth m : months.keySet()) {
        BigDecimal[] ytd = total(months.subMap(YearMonth.of(m.getYear(), 1), true, m, true));
        BigDecimal[] ttm = total(months.subMap(m.minusMonths(11), true, m, true));
        out.put(
            scope.getKey(),
            m,
            new KindSeries.Cell(
                Formulas.ratio(ytd[1], Formulas.add(ytd[0], ytd[2]), 100),
                Formulas.ratio(ttm[1], Formulas.add(ttm[0], ttm[2]), 100),
                NOTHING));
      }
    }
    return out;
  }

  private static BigDecimal[] total(Map<YearMonth, BigDecimal[]> months) {
    BigDecimal[] total = new BigDecimal[3];
    for (BigDecimal[] v : months.values()) {
      for (int i = 0; i < 3; i++) {
        total[i] = Formulas.plus(total[i], v[i]);
      }
    }
    return total;
  }
}
