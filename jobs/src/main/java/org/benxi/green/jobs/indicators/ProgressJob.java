package org.benxi.green.jobs.indicators;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.datasets.Plan;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.marts.Scopes;

/** indicator_progress: one row per indicator, plan and scope at the run's period, on the driver. */
public final class ProgressJob {
  /** The indicator_progress mart's columns. */
  public static final StructType SCHEMA =
      new StructType()
          .add("indicator_id", DataTypes.StringType, false)
          .add("scope", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, true)
          .add("unit", DataTypes.StringType, false)
          .add("target", DataTypes.DoubleType, true)
          .add("comparator", DataTypes.StringType, false)
          .add("baseline", DataTypes.DoubleType, true)
          .add("baseline_source", DataTypes.StringType, true)
          .add("expected", DataTypes.DoubleType, true)
          .add("status", DataTypes.StringType, false)
          .add("projected_2025", DataTypes.DoubleType, true)
          .add("yoy_change", DataTypes.DoubleType, true)
          .add("yoy_change_pct", DataTypes.DoubleType, true)
          .add("change_vs_baseline_pct", DataTypes.DoubleType, true)
          .add("missing_reason", DataTypes.StringType, true)
          .add("name_zh", DataTypes.StringType, false)
          .add("name_en", DataTypes.StringType, false)
          .add("clause", DataTypes.StringType, false)
          .add("departments_zh", DataTypes.StringType, false)
          .add("display_order", DataTypes.IntegerType, false)
          .add("plan", DataTypes.StringType, false)
          .add("target_source", DataTypes.StringType, true)
          .add("final_period", DataTypes.StringType, true)
          .add("final_value", DataTypes.DoubleType, true)
          .add("final_status", DataTypes.StringType, true);

  private ProgressJob() {}

  /**
   * Evaluates every (indicator, scope) series of {@link IndicatorSeries} rows at {@code period}
   * under each plan that tracks the indicator, in the order the series lists them. County rows use
   * the county's own target from {@code reference} where it gives one.
   */
  public static List<Row> transform(
      List<Row> series, IndicatorCatalog catalog, ReferenceData reference, YearMonth period) {
    Map<String, List<Progress.Point>> byKey = new LinkedHashMap<>();
    for (Row r : series) {
      byKey
          .computeIfAbsent(r.getString(0) + "\u0001" + r.getString(1), k -> new ArrayList<>())
          .add(
              new Progress.Point(
                  YearMonth.parse(r.getString(2)),
                  (Double) r.get(3),
                  (Double) r.get(4),
                  r.getString(5)));
    }
    List<Row> rows = new ArrayList<>();
    byKey.forEach(
        (key, points) -> {
          String[] parts = key.split("\u0001");
          for (IndicatorDef def : catalog.rowsOf(parts[0])) {
            IndicatorKind kind = IndicatorKinds.of(def.kind());
            Plan plan = catalog.plan(def.plan());
            Progress.Target target = target(def, kind, plan, parts[1], reference);
            Progress p =
                Progress.evaluate(def, plan, target, points, period, kind.projectsTrailingValues());
            rows.add(toRow(def, parts[1], period, p));
          }
        });
    return rows;
  }

  /**
   * The target a scope is judged against: the county's own where {@code county_targets.csv} gives
   * one; otherwise the plan's, except for a county row of an indicator that sums over counties,
   * which has none ({@code no_target}).
   */
  static Progress.Target target(
      IndicatorDef def, IndicatorKind kind, Plan plan, String scope, ReferenceData reference) {
    if (def.fallsEveryYear()) {
      return new Progress.Target(null, null);
    }
    if (!scope.equals(Scopes.CITY)) {
      var own = reference.countyTarget(def.id(), def.plan(), scope);
      if (own.isPresent()) {
        return new Progress.Target(own.get().target(), "county: " + own.get().source());
      }
      if (kind.sumsOverCounties()) {
        return new Progress.Target(null, null);
      }
    }
    return new Progress.Target(def.target(), plan.document() + " " + def.clause());
  }

  private static Row toRow(IndicatorDef def, String scope, YearMonth period, Progress p) {
    return new GenericRowWithSchema(
        new Object[] {
          def.id(),
          scope,
          period.toString(),
          p.value(),
          def.unit(),
          p.target(),
          def.comparator().symbol(),
          p.baseline(),
          p.baselineSource(),
          p.expected(),
          p.status(),
          p.projected(),
          p.yoyChange(),
          p.yoyChangePct(),
          p.changeVsBaselinePct(),
          p.missingReason(),
          def.nameZh(),
          def.nameEn(),
          def.clause(),
          def.departmentsZh(),
          def.displayOrder(),
          def.plan(),
          p.targetSource(),
          p.finalPeriod() == null ? null : p.finalPeriod().toString(),
          p.finalValue(),
          p.finalStatus()
        },
        SCHEMA);
  }
}
