package org.benxi.green.datasets;

import java.io.Serializable;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indicator catalog: one row per indicator and plan ({@code catalog/indicators.csv}) and the
 * plans with their baseline and target periods ({@code catalog/plans.csv}). The series start in
 * January of the earliest baseline year.
 */
public record IndicatorCatalog(
    List<IndicatorDef> indicators, List<Plan> plans, YearMonth seriesStart)
    implements Serializable {

  /** The catalog shipped with the project. */
  public static IndicatorCatalog shipped() {
    return from(
        CsvTable.resource("green/catalog/indicators.csv"),
        CsvTable.resource("green/catalog/plans.csv"));
  }

  /** Builds a catalog from its two tables, failing with the file and line of a bad row. */
  public static IndicatorCatalog from(CsvTable indicators, CsvTable plans) {
    Map<String, Plan> byId = new LinkedHashMap<>();
    for (int i = 0; i < plans.rows().size(); i++) {
      Map<String, String> row = plans.rows().get(i);
      String origin = plans.origin() + ":" + plans.lines().get(i);
      Plan plan =
          new Plan(
              plans.get(row, "plan_id"),
              plans.get(row, "document"),
              plans.get(row, "title"),
              period(plans.get(row, "baseline_period"), origin),
              period(plans.get(row, "target_period"), origin),
              plans.get(row, "source"));
      if (!plan.targetPeriod().isAfter(plan.baselinePeriod())) {
        throw new IllegalStateException(
            origin + ": plan " + plan.id() + " has its target period before its baseline");
      }
      if (byId.put(plan.id(), plan) != null) {
        throw new IllegalStateException(origin + ": plan " + plan.id() + " is listed twice");
      }
    }
    if (byId.isEmpty()) {
      throw new IllegalStateException(plans.origin() + ": no plan");
    }
    List<IndicatorDef> defs = new ArrayList<>();
    Map<String, IndicatorDef> measures = new LinkedHashMap<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < indicators.rows().size(); i++) {
      String origin = indicators.origin() + ":" + indicators.lines().get(i);
      IndicatorDef def = parse(indicators, indicators.rows().get(i), origin);
      if (!byId.containsKey(def.plan())) {
        throw new IllegalStateException(
            origin
                + ": indicator "
                + def.id()
                + " names plan '"
                + def.plan()
                + "', which plans.csv does not list (plans: "
                + String.join(", ", byId.keySet())
                + ")");
      }
      if (!keys.add(def.id() + "\u0001" + def.plan())) {
        throw new IllegalStateException(
            origin + ": indicator " + def.id() + " is listed twice under plan " + def.plan());
      }
      if (def.target() == null && !def.fallsEveryYear()) {
        throw new IllegalStateException(
            origin
                + ": indicator "
                + def.id()
                + " has comparator '"
                + def.comparator().symbol()
                + "' but no target");
      }
      IndicatorDef first = measures.putIfAbsent(def.id(), def);
      if (first != null && !first.sameMeasure(def)) {
        throw new IllegalStateException(
            origin
                + ": indicator "
                + def.id()
                + " differs from its row at "
                + first.origin()
                + " in name, unit, kind or parameters; one measure has one formula in every plan");
      }
      defs.add(def);
    }
    defs.sort(Comparator.comparingInt(IndicatorDef::displayOrder));
    YearMonth start =
        byId.values().stream()
            .map(p -> YearMonth.of(p.baselinePeriod().getYear(), 1))
            .min(Comparator.naturalOrder())
            .orElseThrow();
    return new IndicatorCatalog(List.copyOf(defs), List.copyOf(byId.values()), start);
  }

  /** One row per indicator (the first of its plans, in display order): what the series compute. */
  public List<IndicatorDef> measures() {
    Map<String, IndicatorDef> first = new LinkedHashMap<>();
    indicators.forEach(d -> first.putIfAbsent(d.id(), d));
    return List.copyOf(first.values());
  }

  /** The indicator with this id (its first row in display order). */
  public IndicatorDef get(String id) {
    return indicators.stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown indicator: " + id));
  }

  /** The row of indicator {@code id} under plan {@code planId}. */
  public IndicatorDef get(String id, String planId) {
    return indicators.stream()
        .filter(d -> d.id().equals(id) && d.plan().equals(planId))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("Unknown indicator " + id + " in plan " + planId));
  }

  /** Every row of indicator {@code id}, one per plan that tracks it. */
  public List<IndicatorDef> rowsOf(String id) {
    return indicators.stream().filter(d -> d.id().equals(id)).toList();
  }

  /** The plan with this id. */
  public Plan plan(String id) {
    return plans.stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown plan: " + id));
  }

  /** The plan of the catalog's first indicator row: the one the report leads with. */
  public Plan mainPlan() {
    return plan(indicators.get(0).plan());
  }

  /**
   * Refuses a county target (by its file line) that names no catalog row, or one whose row has no
   * target to allocate.
   */
  public void check(List<ReferenceData.CountyTarget> targets) {
    for (ReferenceData.CountyTarget t : targets) {
      IndicatorDef row =
          indicators.stream()
              .filter(d -> d.id().equals(t.indicatorId()) && d.plan().equals(t.plan()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          t.origin()
                              + ": the catalog has no indicator "
                              + t.indicatorId()
                              + " under plan "
                              + t.plan()));
      if (row.fallsEveryYear()) {
        throw new IllegalArgumentException(
            t.origin()
                + ": "
                + t.indicatorId()
                + " falls every year; it has no target to allocate");
      }
    }
  }

  /** Whole months from {@code from} to {@code to}, negative when {@code to} is earlier. */
  public static int monthsBetween(YearMonth from, YearMonth to) {
    return (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue();
  }

  private static YearMonth period(String text, String origin) {
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(origin + ": '" + text + "' is not a period (YYYY-MM)");
    }
  }

  private static IndicatorDef parse(CsvTable table, Map<String, String> row, String origin) {
    String id = table.get(row, "indicator_id");
    Map<String, String> params = new LinkedHashMap<>();
    String paramText = table.get(row, "params");
    if (!paramText.isEmpty()) {
      for (String pair : paramText.split(";")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalStateException(
              table.origin() + ": indicator " + id + " has a malformed parameter '" + pair + "'");
        }
        params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return new IndicatorDef(
        id,
        table.get(row, "name_zh"),
        table.get(row, "name_en"),
        table.get(row, "unit"),
        doubleOrNull(table.get(row, "target")),
        IndicatorDef.Comparator.parse(table.get(row, "comparator"), id),
        table.get(row, "kind"),
        Map.copyOf(params),
        table.get(row, "clause"),
        table.get(row, "departments_zh"),
        table.get(row, "departments_en"),
        doubleOrNull(table.get(row, "baseline_2020")),
        table.get(row, "baseline_source"),
        Integer.parseInt(table.get(row, "display_order")),
        origin,
        table.get(row, "plan"));
  }

  private static Double doubleOrNull(String text) {
    return text.isEmpty() ? null : Double.valueOf(text);
  }
}
