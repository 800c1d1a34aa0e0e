package org.benxi.green.charts;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Shapes published marts (as Tablesaw tables) into what each chart draws. Pure: no drawing, no I/O;
 * values are the marts' own, only filtered, grouped and summed.
 */
public final class Shapes {
  private Shapes() {}

  /**
   * One dashboard bar: a city indicator's current value, expected value and (after the plan's
   * target period) final value, as % of its target under one plan; {@code plan} is empty for the
   * indicator's lead plan.
   */
  public record DashboardBar(
      String id,
      String nameZh,
      String nameEn,
      String plan,
      double pctOfTarget,
      Double expectedPct,
      Double finalPct,
      String status) {}

  /** One indicator's monthly city series with its target, trajectory and projection. */
  public record Trend(
      String id,
      String plan,
      String nameZh,
      String nameEn,
      String unit,
      Map<YearMonth, Double> values,
      Double target,
      Double baseline,
      Double projected2025,
      String status) {}

  /**
   * City rows with a level target or a change target, of every plan, in display order; missing
   * values are left out. A change target's bars are the change achieved as % of the change asked.
   */
  public static List<DashboardBar> dashboard(Table progress) {
    Map<String, Integer> lead = leadOrder(progress);
    List<DashboardBar> bars = new ArrayList<>();
    for (Row r : cityOrScope(progress, "city")) {
      if (r.isMissing("target") || r.isMissing("value") || r.getDouble("target") == 0) {
        continue;
      }
      boolean change = r.getString("comparator").startsWith("change_vs_baseline");
      if (change && (r.isMissing("baseline") || r.getDouble("baseline") == 0)) {
        continue;
      }
      double target = r.getDouble("target");
      double baseline = r.isMissing("baseline") ? 0 : r.getDouble("baseline");
      java.util.function.DoubleUnaryOperator pct =
          v ->
              change
                  ? 100 * ((v - baseline) / Math.abs(baseline) * 100) / target
                  : 100 * v / target;
      String id = r.getString("indicator_id");
      bars.add(
          new DashboardBar(
              id,
              r.getString("name_zh"),
              r.getString("name_en"),
              lead.get(id) == r.getInt("display_order") ? "" : r.getString("plan"),
              pct.applyAsDouble(r.getDouble("value")),
              r.isMissing("expected") ? null : pct.applyAsDouble(r.getDouble("expected")),
              r.isMissing("final_value") ? null : pct.applyAsDouble(r.getDouble("final_value")),
              r.getString("status")));
    }
    return bars;
  }

  /**
   * The rows of each indicator's lead plan (its first in display order): what the trends, the
   * county comparison and the county table show.
   */
  public static Table leadRows(Table progress) {
    Map<String, Integer> lead = leadOrder(progress);
    tech.tablesaw.selection.Selection keep = new tech.tablesaw.selection.BitmapBackedSelection();
    for (int i = 0; i < progress.rowCount(); i++) {
      Row r = progress.row(i);
      if (lead.get(r.getString("indicator_id")) == r.getInt("display_order")) {
        keep.add(i);
      }
    }
    return progress.where(keep);
  }

  /**
   * {@code progress} as published before plans were data gets the columns that came with them:
   * every row under {@code mainPlan}, with no final evaluation. Newer marts pass unchanged.
   */
  public static Table withPlanColumns(Table progress, String mainPlan) {
    if (progress.containsColumn("plan")) {
      return progress;
    }
    int n = progress.rowCount();
    String[] plans = new String[n];
    java.util.Arrays.fill(plans, mainPlan);
    double[] none = new double[n];
    java.util.Arrays.fill(none, Double.NaN);
    return progress
        .copy()
        .addColumns(
            tech.tablesaw.api.StringColumn.create("plan", plans),
            tech.tablesaw.api.DoubleColumn.create("final_value", none),
            tech.tablesaw.api.StringColumn.create("final_status", new String[n]));
  }

  /** Each indicator's lowest display order: the row of its lead plan. */
  private static Map<String, Integer> leadOrder(Table progress) {
    Map<String, Integer> lead = new LinkedHashMap<>();
    for (Row r : progress) {
      lead.merge(r.getString("indicator_id"), r.getInt("display_order"), Math::min);
    }
    return lead;
  }

  /** One trend per indicator for {@code scope}, in display order, months ascending. */
  public static List<Trend> trends(Table progress, Table series, String scope) {
    Table scoped = series.where(series.stringColumn("scope").isEqualTo(scope));
    List<Trend> trends = new ArrayList<>();
    for (Row r : cityOrScope(leadRows(progress), scope)) {
      String id = r.getString("indicator_id");
      Map<YearMonth, Double> values = new TreeMap<>();
      for (Row s : scoped.where(scoped.stringColumn("indicator_id").isEqualTo(id))) {
        if (!s.isMissing("value")) {
          values.put(YearMonth.parse(s.getString("month")), s.getDouble("value"));
        }
      }
      trends.add(
          new Trend(
              id,
              r.getString("plan"),
              r.getString("name_zh"),
              r.getString("name_en"),
              r.getString("unit"),
              values,
              doubleOrNull(r, "target"),
              doubleOrNull(r, "baseline"),
              doubleOrNull(r, "projected_2025"),
              r.getString("status")));
    }
    return trends;
  }

  /** One indicator's value (null when missing) and status in one scope. */
  public record ScopeCell(Double value, String status) {}

  /**
   * Every indicator's cell per scope ("city" or a county code) under its lead plan, in one pass
   * over the mart.
   */
  public static Map<String, Map<String, ScopeCell>> cellsByIndicator(Table progress) {
    Map<String, Map<String, ScopeCell>> cells = new LinkedHashMap<>();
    for (Row r : leadRows(progress)) {
      cells
          .computeIfAbsent(r.getString("indicator_id"), k -> new TreeMap<>())
          .put(
              r.getString("scope"), new ScopeCell(doubleOrNull(r, "value"), r.getString("status")));
    }
    return cells;
  }

  /** One county's value and status for one indicator. */
  public record CountyValue(String county, double value, String status) {}

  /**
   * County values of up to {@code limit} indicators that have a level target, in display order,
   * counties ascending; indicators with no county value are left out.
   */
  public static Map<String, List<CountyValue>> countyValues(Table progress, int limit) {
    Map<String, List<CountyValue>> out = new LinkedHashMap<>();
    Table lead = leadRows(progress);
    Table counties =
        lead.where(lead.stringColumn("scope").isNotEqualTo("city"))
            .sortAscendingOn("display_order", "scope");
    for (Row r : counties) {
      if (r.isMissing("value")
          || r.isMissing("target")
          || r.getString("comparator").equals("falls")) {
        continue;
      }
      String id = r.getString("indicator_id");
      if (!out.containsKey(id) && out.size() == limit) {
        continue;
      }
      out.computeIfAbsent(id, k -> new ArrayList<>())
          .add(new CountyValue(r.getString("scope"), r.getDouble("value"), r.getString("status")));
    }
    return out;
  }

  /**
   * Bulk-waste utilization in % (utilized ÷ generated) per {@code key} column, summed over the
   * months of the period's year up to the period; keys with nothing generated are left out.
   */
  public static Map<String, Double> wasteUtilization(Table waste, YearMonth period, String key) {
    Map<String, double[]> sums = new TreeMap<>();
    for (Row r : waste) {
      YearMonth month = YearMonth.parse(r.getString("month"));
      if (!r.getBoolean("bulk") || month.getYear() != period.getYear() || month.isAfter(period)) {
        continue;
      }
      double[] s = sums.computeIfAbsent(r.getString(key), k -> new double[2]);
      s[0] += r.getDouble("utilized_t");
      s[1] += r.getDouble("generated_t");
    }
    Map<String, Double> pct = new LinkedHashMap<>();
    sums.forEach(
        (k, s) -> {
          if (s[1] > 0) {
            pct.put(k, 100 * s[0] / s[1]);
          }
        });
    return pct;
  }

  /**
   * Sum of {@code measure} by month and by {@code key}, for the 12 months ending with the period.
   * Outer map: month ascending; inner: key ascending.
   */
  public static Map<YearMonth, Map<String, Double>> monthlyBy(
      Table table, YearMonth period, String key, String measure) {
    Map<YearMonth, Map<String, Double>> out = new TreeMap<>();
    YearMonth first = period.minusMonths(11);
    for (Row r : table) {
      YearMonth month = YearMonth.parse(r.getString("month"));
      if (month.isBefore(first) || month.isAfter(period) || r.isMissing(measure)) {
        continue;
      }
      out.computeIfAbsent(month, m -> new TreeMap<>())
          .merge(r.getString(key), r.getDouble(measure), Double::sum);
    }
    return out;
  }

  /**
   * Per value of a key column: the total of a measure over the rows that have it (a key whose rows
   * all lack it has none), and the label column's value on the key's first row.
   */
  public record KeyTotals(Map<String, Double> totals, Map<String, String> labels) {}

  /** {@link KeyTotals} of {@code table}, in row order; a missing key or label reads as "". */
  public static KeyTotals totals(Table table, String key, String label, String measure) {
    // Hash maps: a national energy_enterprise_month has a million keys; the order is the sort's.
    Map<String, Double> totals = new HashMap<>();
    Map<String, String> labels = new HashMap<>();
    for (Row r : table) {
      String k = r.getString(key);
      if (label != null) {
        labels.putIfAbsent(k, r.getString(label));
      }
      if (!r.isMissing(measure)) {
        totals.merge(k, r.getDouble(measure), Double::sum);
      }
    }
    return new KeyTotals(totals, labels);
  }

  /** The {@code n} largest totals of {@code measure} by {@code key}, largest first. */
  public static Map<String, Double> top(Table table, String key, String measure, int n) {
    return top(totals(table, key, null, measure).totals(), n);
  }

  /** The {@code n} largest of {@code totals}, largest first; ties by key. */
  private static Map<String, Double> top(Map<String, Double> totals, int n) {
    Comparator<Map.Entry<String, Double>> largestFirst =
        Map.Entry.<String, Double>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey());
    // The n largest so far, smallest at the head: no sort of every key.
    PriorityQueue<Map.Entry<String, Double>> kept = new PriorityQueue<>(largestFirst.reversed());
    for (Map.Entry<String, Double> e : totals.entrySet()) {
      kept.add(e);
      if (kept.size() > n) {
        kept.poll();
      }
    }
    List<Map.Entry<String, Double>> largest = new ArrayList<>(kept);
    largest.sort(largestFirst);
    Map<String, Double> top = new LinkedHashMap<>();
    largest.forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  /**
   * The {@code n} largest totals of {@code measure} by {@code key}, largest first, labelled by
   * {@code label} (a label that two keys of the table share gets the key's last four characters).
   */
  public static Map<String, Double> topNamed(
      Table table, String key, String label, String measure, int n) {
    return topNamed(totals(table, key, label, measure), n);
  }

  /** The same, from totals already taken ({@link MartReader#totals} streams a mart's). */
  public static Map<String, Double> topNamed(KeyTotals totals, int n) {
    Map<String, String> labels = totals.labels();
    Map<String, Double> top = top(totals.totals(), n);
    Map<String, Long> uses = new HashMap<>();
    labels.values().forEach(name -> uses.merge(name, 1L, Long::sum));
    Map<String, Double> named = new LinkedHashMap<>();
    top.forEach(
        (k, v) -> {
          String name = labels.get(k);
          named.put(uses.get(name) > 1 ? name + " …" + k.substring(k.length() - 4) : name, v);
        });
    return named;
  }

  /** Rows per value of {@code key} (or the sum of {@code measure} when given), key ascending. */
  public static Map<String, Double> countBy(Table table, String key, String measure) {
    Map<String, Double> counts = new TreeMap<>();
    for (Row r : table) {
      counts.merge(r.getString(key), measure == null ? 1.0 : r.getNumber(measure), Double::sum);
    }
    return counts;
  }

  /** The scope's rows in display order (a Tablesaw row is a cursor: iterate, never collect). */
  private static Table cityOrScope(Table progress, String scope) {
    return progress
        .where(progress.stringColumn("scope").isEqualTo(scope))
        .sortAscendingOn("display_order");
  }

  private static Double doubleOrNull(Row r, String column) {
    return r.isMissing(column) ? null : r.getDouble(column);
  }
}
