package org.benxi.green.jobs.indicators.kinds;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.jobs.indicators.Formulas;
import org.benxi.green.jobs.indicators.IndicatorInputs;
import org.benxi.green.jobs.indicators.IndicatorKind;
import org.benxi.green.jobs.indicators.KindSeries;

/**
 * {@code capacity_share}: capacity of the counted power sources ({@code non_fossil}, or a list) as
 * a share of all capacity active at the end of the month.
 */
public final class CapacityShare implements IndicatorKind {
  @Override
  public String name() {
    return "capacity_share";
  }

  @Override
  public List<String> requiredParameters() {
    return List.of("sources");
  }

  @Override
  public List<String> inputs() {
    return List.of("power");
  }

  @Override
  public boolean projectsTrailingValues() {
    return false;
  }

  @Override
  public KindSeries compute(IndicatorDef def, IndicatorInputs in) {
    String sources = def.param("sources");
    Set<String> listed = Set.of(sources.split("\\|"));
    Formulas.ScopeSums sums = new Formulas.ScopeSums(2);
    for (IndicatorInputs.Power p : in.power()) {
      boolean counted = sources.equals("non_fossil") ? p.nonFossil() : listed.contains(p.source());
      sums.add(p.county(), p.period(), p.capacity(), counted ? p.capacity() : BigDecimal.ZERO);
    }
    KindSeries out = new KindSeries("no active generating units in");
    for (Map.Entry<String, TreeMap<YearMonth, BigDecimal[]>> scope : sums.byScope().entrySet()) {
      scope
          .getValue()
          .forEach(
              (m, v) -> {
                Double share = Formulas.ratio(v[1], v[0], 100);
                out.put(
                    scope.getKey(),
                    m,
                    new KindSeries.Cell(share, share, "no active generating capacity"));
              });
    }
    return out;
  }
}
