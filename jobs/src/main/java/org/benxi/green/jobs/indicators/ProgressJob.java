package org.benxi.green.jobs.indicators;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;

/** indicator_progress: one row per indicator and scope at the run's period. */
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
          .add("display_order", DataTypes.IntegerType, false);

  private ProgressJob() {}

  /** Evaluates every (indicator, scope) series of {@link IndicatorSeries} at {@code period}. */
  public static Dataset<Row> transform(
      Dataset<Row> series, IndicatorCatalog catalog, YearMonth period) {
    MapFunction<Row, String> key =
        r -> r.<String>getAs("indicator_id") + "\u0001" + r.<String>getAs("scope");
    FlatMapGroupsFunction<String, Row, Row> evaluate =
        (groupKey, rows) -> {
          String[] parts = groupKey.split("\u0001");
          IndicatorDef def = catalog.get(parts[0]);
          List<Progress.Point> points = new ArrayList<>();
          while (rows.hasNext()) {
            Row r = rows.next();
            points.add(
                new Progress.Point(
                    YearMonth.parse(r.getAs("period")),
                    r.getAs("value"),
                    r.getAs("ttm_value"),
                    r.getAs("missing_reason")));
          }
          Progress p = Progress.evaluate(def, catalog, points, period, def.kind().endsWith("_ytd"));
          return List.of(toRow(def, parts[1], period, p)).iterator();
        };
    return series.groupByKey(key, Encoders.STRING()).flatMapGroups(evaluate, Encoders.row(SCHEMA));
  }

  private static Row toRow(IndicatorDef def, String scope, YearMonth period, Progress p) {
    return RowFactory.create(
        def.id(),
        scope,
        period.toString(),
        p.value(),
        def.unit(),
        def.target(),
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
        def.displayOrder());
  }
}
