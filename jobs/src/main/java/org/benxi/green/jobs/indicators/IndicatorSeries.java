package org.benxi.green.jobs.indicators;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;

/**
 * indicator_series: one row per catalog indicator, scope and month from the series start to the
 * run's month, with the trailing-12-month value used for projection and, when the value is missing,
 * the reason. Computed on the driver from {@link IndicatorInputs} by each indicator's {@link
 * IndicatorKind}.
 */
public final class IndicatorSeries {
  /** indicator_id, scope, period, value, ttm_value, missing_reason. */
  public static final StructType SCHEMA =
      new StructType()
          .add("indicator_id", DataTypes.StringType, false)
          .add("scope", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, true)
          .add("ttm_value", DataTypes.DoubleType, true)
          .add("missing_reason", DataTypes.StringType, true);

  private IndicatorSeries() {}

  /** The series of every catalog indicator, in catalog, scope and month order. */
  public static List<Row> compute(IndicatorCatalog catalog, IndicatorInputs in) {
    List<Row> rows = new ArrayList<>();
    for (IndicatorDef def : catalog.measures()) {
      rows.addAll(of(def, in));
    }
    return rows;
  }

  /** The series of one indicator: a row for every scope and month. */
  public static List<Row> of(IndicatorDef def, IndicatorInputs in) {
    KindSeries series = IndicatorKinds.of(def.kind()).compute(def, in);
    List<Row> rows = new ArrayList<>();
    for (String scope : in.scopes()) {
      for (YearMonth m : in.months()) {
        KindSeries.Cell cell = series.get(scope, m);
        Double value = cell == null ? null : Formulas.round(cell.value());
        Double ttm = cell == null ? null : Formulas.round(cell.ttm());
        String reason = null;
        if (value == null) {
          reason =
              cell != null && cell.missingReason() != null
                  ? cell.missingReason()
                  : series.defaultReason(scope, m);
        }
        rows.add(
            new GenericRowWithSchema(
                new Object[] {def.id(), scope, m.toString(), value, ttm, reason}, SCHEMA));
      }
    }
    return rows;
  }
}
