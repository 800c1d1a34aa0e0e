package org.benxi.green.jobs.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One row per month from the series start to the run's period, with its index and last day. */
public final class MonthSpine {
  /** period (YYYY-MM), month_index (year x 12 + month - 1), year, month, period_end. */
  public static final StructType SCHEMA =
      new StructType()
          .add("period", DataTypes.StringType, false)
          .add("month_index", DataTypes.IntegerType, false)
          .add("year", DataTypes.IntegerType, false)
          .add("month", DataTypes.IntegerType, false)
          .add("period_end", DataTypes.DateType, false);

  private MonthSpine() {}

  /** The spine from {@code start} to {@code end}, both included. */
  public static Dataset<Row> of(SparkSession spark, YearMonth start, YearMonth end) {
    List<Row> rows = new ArrayList<>();
    for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
      rows.add(
          RowFactory.create(
              m.toString(), index(m), m.getYear(), m.getMonthValue(), m.atEndOfMonth()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** year x 12 + month - 1. */
  public static int index(YearMonth month) {
    return month.getYear() * 12 + month.getMonthValue() - 1;
  }

  /** The month index of a {@code YYYY-MM} string column. */
  public static Column monthIndex(String periodColumn) {
    return expr(
        "cast(substr("
            + periodColumn
            + ", 1, 4) as int) * 12 + cast(substr("
            + periodColumn
            + ", 6, 2) as int) - 1");
  }

  /** The year of a {@code YYYY-MM} or {@code YYYY-Qn} string column. */
  public static Column yearOf(String column) {
    return col(column).substr(1, 4).cast("int");
  }
}
