package org.benxi.green.datasets;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicator catalog ({@code catalog/indicators.csv}) and the plan's baseline and target periods
 * ({@code catalog/plan.csv}).
 */
public record IndicatorCatalog(
    List<IndicatorDef> indicators,
    String document,
    YearMonth seriesStart,
    YearMonth baselinePeriod,
    YearMonth targetPeriod)
    implements Serializable {

  /** The catalog shipped with the project. */
  public static IndicatorCatalog shipped() {
    return from(
        CsvTable.resource("green/catalog/indicators.csv"),
        CsvTable.resource("green/catalog/plan.csv"));
  }

  /** Builds a catalog from its two tables, failing with the file and indicator on bad rows. */
  public static IndicatorCatalog from(CsvTable indicators, CsvTable plan) {
    Map<String, String> planValues = new LinkedHashMap<>();
    for (Map<String, String> row : plan.rows()) {
      planValues.put(plan.get(row, "key"), plan.get(row, "value"));
    }
    List<IndicatorDef> defs = new java.util.ArrayList<>();
    for (int i = 0; i < indicators.rows().size(); i++) {
      defs.add(
          parse(
              indicators,
              indicators.rows().get(i),
              indicators.origin() + ":" + indicators.lines().get(i)));
    }
    defs.sort(Comparator.comparingInt(IndicatorDef::displayOrder));
    return new IndicatorCatalog(
        List.copyOf(defs),
        planValue(planValues, "document"),
        YearMonth.parse(planValue(planValues, "series_start")),
        YearMonth.parse(planValue(planValues, "baseline_period")),
        YearMonth.parse(planValue(planValues, "target_period")));
  }

  /** The indicator with this id. */
  public IndicatorDef get(String id) {
    return indicators.stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown indicator: " + id));
  }

  /** Months from the baseline period to the target period (60 for 2020-12 to 2025-12). */
  public int planMonths() {
    return monthsBetween(baselinePeriod, targetPeriod);
  }

  /** Whole months from {@code from} to {@code to}, negative when {@code to} is earlier. */
  public static int monthsBetween(YearMonth from, YearMonth to) {
    return (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue();
  }

  private static String planValue(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException("plan.csv: missing key " + key);
    }
    return value;
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
        origin);
  }

  private static Double doubleOrNull(String text) {
    return text.isEmpty() ? null : Double.valueOf(text);
  }
}
