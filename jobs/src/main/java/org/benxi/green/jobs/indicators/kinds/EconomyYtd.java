package org.benxi.green.jobs.indicators.kinds;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
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
 * {@code economy_ratio_ytd} (a share in percent) and {@code economy_intensity_ytd} (per unit of
 * GDP, times {@code scale}): {@code numerator / denominator} summed over the complete quarters of
 * the year so far. The city needs every county's quarter; the trailing value sums the last four
 * quarters.
 */
public final class EconomyYtd implements IndicatorKind {
  private final String name;
  private final boolean share;

  private EconomyYtd(String name, boolean share) {
    this.name = name;
    this.share = share;
  }

  /** A share of GDP in percent. */
  public static EconomyYtd ratio() {
    return new EconomyYtd("economy_ratio_ytd", true);
  }

  /** A quantity per unit of GDP, times the {@code scale} parameter (1 unless given). */
  public static EconomyYtd intensity() {
    return new EconomyYtd("economy_intensity_ytd", false);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> requiredParameters() {
    return List.of("numerator", "denominator");
  }

  @Override
  public List<String> inputs() {
    return List.of("economy");
  }

  @Override
  public boolean projectsTrailingValues() {
    return true;
  }

  /** One scope's quarter: numerator and denominator. */
  private record Quarter(int year, int quarter, int index, BigDecimal num, BigDecimal den) {}

  @Override
  public KindSeries compute(IndicatorDef def, IndicatorInputs in) {
    double multiplier = share ? 100.0 : Double.parseDouble(def.param("scale", "1"));
    String numerator = def.param("numerator");
    String denominator = def.param("denominator");
    Map<String, List<Quarter>> byScope = new TreeMap<>();
    Map<Integer, BigDecimal[]> city = new TreeMap<>();
    Map<Integer, Integer> cityCounties = new TreeMap<>();
    for (IndicatorInputs.Economy e : in.economy()) {
      int year = Integer.parseInt(e.quarter().substring(0, 4));
      int q = Integer.parseInt(e.quarter().substring(6, 7));
      Quarter quarter =
          new Quarter(
              year, q, year * 4 + q - 1, e.values().get(numerator), e.values().get(denominator));
      byScope.computeIfAbsent(e.county(), k -> new ArrayList<>()).add(quarter);
      BigDecimal[] sums = city.computeIfAbsent(quarter.index(), k -> new BigDecimal[2]);
      sums[0] = Formulas.plus(sums[0], quarter.num());
      sums[1] = Formulas.plus(sums[1], quarter.den());
      cityCounties.merge(quarter.index(), 1, Integer::sum);
    }
    List<Quarter> complete = new ArrayList<>();
    city.forEach(
        (index, sums) -> {
          if (cityCounties.get(index) == in.counties()) {
            complete.add(new Quarter(index / 4, index % 4 + 1, index, sums[0], sums[1]));
          }
        });
    byScope.put(Scopes.CITY, complete);

    KindSeries out =
        new KindSeries(
            "no complete quarter of economy data this year (or a county is missing) for");
    for (Map.Entry<String, List<Quarter>> scope : byScope.entrySet()) {
      for (YearMonth m : in.months()) {
        int k = m.getMonthValue() / 3;
        int lastIndex = m.getYear() * 4 + k - 1;
        BigDecimal num = null;
        BigDecimal den = null;
        int quarters = 0;
        BigDecimal ttmNum = null;
        BigDecimal ttmDen = null;
        int ttmQuarters = 0;
        for (Quarter q : scope.getValue()) {
          if (q.year() == m.getYear() && q.quarter() <= k) {
            num = Formulas.plus(num, q.num());
            den = Formulas.plus(den, q.den());
            quarters++;
          }
          if (q.index() >= lastIndex - 3 && q.index() <= lastIndex) {
            ttmNum = Formulas.plus(ttmNum, q.num());
            ttmDen = Formulas.plus(ttmDen, q.den());
            ttmQuarters++;
          }
        }
        if (quarters == 0 && ttmQuarters == 0) {
          continue;
        }
        boolean whole = quarters > 0 && quarters == k;
        out.put(
            scope.getKey(),
            m,
            new KindSeries.Cell(
                whole ? Formulas.ratio(num, den, multiplier) : null,
                ttmQuarters == 4 ? Formulas.ratio(ttmNum, ttmDen, multiplier) : null,
                quarters > 0 && !whole
                    ? "a quarter of this year is missing from the economy data"
                    : null));
      }
    }
    return out;
  }
}
