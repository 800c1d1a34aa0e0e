package org.benxi.green.jobs.indicators.kinds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.jobs.indicators.Formulas;
import org.benxi.green.jobs.indicators.IndicatorInputs;
import org.benxi.green.jobs.indicators.IndicatorKind;
import org.benxi.green.jobs.indicators.KindSeries;
import org.benxi.green.jobs.marts.Scopes;

/**
 * The program-register kinds, over the items of {@code program} at the end of each month; an item
 * counts when its status is one of {@code statuses} by then ({@code completed} by its completion
 * date, {@code in_progress} from its start, {@code planned} always):
 *
 * <ul>
 *   <li>{@code program_count}: items counted;
 *   <li>{@code program_share}: items counted as a share of items listed;
 *   <li>{@code program_area_sum}: area of the items counted, divided by {@code divisor};
 *   <li>{@code program_area_share}: area counted as a share of area listed.
 * </ul>
 */
public final class ProgramRegister implements IndicatorKind {
  private enum Measure {
    COUNT,
    SHARE,
    AREA_SUM,
    AREA_SHARE
  }

  private final String name;
  private final Measure measure;

  private ProgramRegister(String name, Measure measure) {
    this.name = name;
    this.measure = measure;
  }

  /** Every program kind. */
  public static List<IndicatorKind> all() {
    return List.of(
        new ProgramRegister("program_count", Measure.COUNT),
        new ProgramRegister("program_share", Measure.SHARE),
        new ProgramRegister("program_area_sum", Measure.AREA_SUM),
        new ProgramRegister("program_area_share", Measure.AREA_SHARE));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> requiredParameters() {
    return List.of("program", "statuses");
  }

  @Override
  public List<String> inputs() {
    return List.of("programs");
  }

  @Override
  public boolean projectsTrailingValues() {
    return false;
  }

  @Override
  public boolean sumsOverCounties() {
    return measure == Measure.COUNT || measure == Measure.AREA_SUM;
  }

  /** Items counted and listed, and their areas; an area sum stays null until an area is seen. */
  private static final class Totals {
    long counted;
    long listed;
    BigDecimal countedArea;
    BigDecimal listedArea;
  }

  @Override
  public KindSeries compute(IndicatorDef def, IndicatorInputs in) {
    String program = def.param("program");
    Set<String> statuses = Set.copyOf(def.listParam("statuses"));
    List<IndicatorInputs.Program> items =
        in.programs().stream().filter(i -> i.program().equals(program)).toList();
    Map<String, Map<YearMonth, Totals>> totals = new TreeMap<>();
    for (YearMonth m : in.months()) {
      LocalDate end = m.atEndOfMonth();
      for (IndicatorInputs.Program item : items) {
        boolean counted = counted(item, statuses, end);
        // Areas are summed as doubles, as they always were, but exactly and in no order.
        BigDecimal area = item.area() == null ? null : exact(item.area().doubleValue());
        for (String scope : new String[] {item.county(), Scopes.CITY}) {
          Totals t =
              totals
                  .computeIfAbsent(scope, s -> new TreeMap<>())
                  .computeIfAbsent(m, k -> new Totals());
          t.listed++;
          t.counted += counted ? 1 : 0;
          t.listedArea = Formulas.plus(t.listedArea, area == null ? BigDecimal.ZERO : area);
          t.countedArea = Formulas.plus(t.countedArea, counted ? area : BigDecimal.ZERO);
        }
      }
    }
    String reason = "no " + program + " items listed in";
    return switch (measure) {
      case COUNT ->
          Counts.withZeros(counts(totals, t -> (double) t.counted), !items.isEmpty(), in, reason);
      case AREA_SUM -> {
        double divisor = Double.parseDouble(def.param("divisor", "1"));
        yield Counts.withZeros(
            counts(
                totals, t -> t.countedArea == null ? null : t.countedArea.doubleValue() / divisor),
            !items.isEmpty(),
            in,
            reason);
      }
      case SHARE ->
          shares(totals, t -> Formulas.ratio(t.counted, t.listed, 100), "no items listed", reason);
      case AREA_SHARE ->
          shares(
              totals,
              t -> Formulas.ratio(t.countedArea, t.listedArea, 100),
              "no area listed",
              reason);
    };
  }

  private static boolean counted(
      IndicatorInputs.Program item, Set<String> statuses, LocalDate end) {
    String status = item.status();
    if (statuses.contains("completed")
        && "completed".equals(status)
        && item.completedOn() != null
        && !item.completedOn().isAfter(end)) {
      return true;
    }
    if (statuses.contains("in_progress")
        && ("in_progress".equals(status) || "completed".equals(status))
        && item.startedOn() != null
        && !item.startedOn().isAfter(end)) {
      return true;
    }
    return statuses.contains("planned") && "planned".equals(status);
  }

  private static BigDecimal exact(double value) {
    return new BigDecimal(value);
  }

  private static Map<String, Map<YearMonth, Double>> counts(
      Map<String, Map<YearMonth, Totals>> totals,
      java.util.function.Function<Totals, Double> value) {
    Map<String, Map<YearMonth, Double>> out = new HashMap<>();
    totals.forEach(
        (scope, byMonth) ->
            byMonth.forEach(
                (m, t) -> {
                  Double v = value.apply(t);
                  if (v != null) {
                    out.computeIfAbsent(scope, s -> new HashMap<>()).put(m, v);
                  }
                }));
    return out;
  }

  private static KindSeries shares(
      Map<String, Map<YearMonth, Totals>> totals,
      java.util.function.Function<Totals, Double> value,
      String missing,
      String reason) {
    KindSeries out = new KindSeries(reason);
    totals.forEach(
        (scope, byMonth) ->
            byMonth.forEach(
                (m, t) -> {
                  Double v = value.apply(t);
                  out.put(scope, m, new KindSeries.Cell(v, v, missing));
                }));
    return out;
  }
}
