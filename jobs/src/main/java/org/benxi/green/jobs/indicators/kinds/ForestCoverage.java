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
import org.benxi.green.jobs.marts.Scopes;

/**
 * {@code forest_coverage}: forest / land area from each county's latest inventory up to the month's
 * year; the city needs an inventory of every county.
 */
public final class ForestCoverage implements IndicatorKind {
  private static final String INCOMPLETE = "a county has no forest inventory up to this year";

  @Override
  public String name() {
    return "forest_coverage";
  }

  @Override
  public List<String> requiredParameters() {
    return List.of();
  }

  @Override
  public List<String> inputs() {
    return List.of("forest");
  }

  @Override
  public boolean projectsTrailingValues() {
    return false;
  }

  @Override
  public KindSeries compute(IndicatorDef def, IndicatorInputs in) {
    Map<String, TreeMap<Integer, IndicatorInputs.Forest>> byCounty = new TreeMap<>();
    for (IndicatorInputs.Forest f : in.forest()) {
      byCounty.computeIfAbsent(f.county(), k -> new TreeMap<>()).put(f.year(), f);
    }
    KindSeries out = new KindSeries("no forest inventory up to this year for");
    for (YearMonth m : in.months()) {
      BigDecimal forest = null;
      BigDecimal land = null;
      int counties = 0;
      for (Map.Entry<String, TreeMap<Integer, IndicatorInputs.Forest>> county :
          byCounty.entrySet()) {
        Map.Entry<Integer, IndicatorInputs.Forest> latest =
            county.getValue().floorEntry(m.getYear());
        if (latest == null) {
          continue;
        }
        IndicatorInputs.Forest f = latest.getValue();
        Double coverage = Formulas.ratio(f.forest(), f.land(), 100);
        out.put(county.getKey(), m, new KindSeries.Cell(coverage, coverage, null));
        forest = Formulas.plus(forest, f.forest());
        land = Formulas.plus(land, f.land());
        counties++;
      }
      if (counties > 0) {
        boolean whole = counties == in.counties();
        Double coverage = whole ? Formulas.ratio(forest, land, 100) : null;
        out.put(Scopes.CITY, m, new KindSeries.Cell(coverage, coverage, whole ? null : INCOMPLETE));
      }
    }
    return out;
  }
}
