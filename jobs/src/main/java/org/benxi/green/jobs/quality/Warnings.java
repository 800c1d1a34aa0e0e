package org.benxi.green.jobs.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.marts.MonthSpine;
import org.benxi.green.jobs.marts.MonthlyInputs;
import org.benxi.green.jobs.sources.SourceSpec;
import org.benxi.green.jobs.sources.SourceSpecs;

/**
 * Warnings on accepted rows: each source's own checks ({@link SourceSpec#warnings}) and the
 * plausible ranges of {@code reference/plausible_ranges.csv}, with each row's county.
 */
public final class Warnings {
  /**
   * One flagged (accepted) row: where it is, its month (monthly sources only), which check, the
   * column, value and detail.
   */
  public static final StructType SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("file", DataTypes.StringType, false)
          .add("line", DataTypes.IntegerType, false)
          .add("received", DataTypes.DateType, false)
          .add("period", DataTypes.StringType, true)
          .add("county_code", DataTypes.StringType, true)
          .add("credit_code", DataTypes.StringType, true)
          .add("warning", DataTypes.StringType, false)
          .add("column", DataTypes.StringType, false)
          .add("value", DataTypes.StringType, true)
          .add("detail", DataTypes.StringType, true);

  private Warnings() {}

  /** Every warning on the staged rows (latest drop per key). */
  public static Dataset<Row> all(MonthlyInputs in, ReferenceData reference) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (SourceSpec spec : SourceSpecs.all()) {
      parts.addAll(spec.warnings(in.of(spec.name()), reference));
    }
    for (ReferenceData.PlausibleRange range : reference.plausibleRanges()) {
      Column value = col(range.column());
      parts.add(
          shape(
              in.of(range.source())
                  .filter(value.lt(range.min()).or(value.gt(range.max())))
                  .withColumn("_value", value.cast("string")),
              range.source(),
              "implausible_value",
              range.column(),
              lit(
                  "outside ["
                      + range.min().toPlainString()
                      + ", "
                      + range.max().toPlainString()
                      + "]")));
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part);
    }
    Dataset<Row> counties =
        in.enterprises().select(col("credit_code").as("_code"), col("county_code").as("_county"));
    return all.join(counties, all.col("credit_code").equalTo(counties.col("_code")), "left")
        .withColumn("county_code", coalesce(col("county_code"), col("_county")))
        .drop("_code", "_county");
  }

  /**
   * Rows whose {@code measure} is more than {@code factor} times (or less than its inverse) the
   * same {@code key}'s value in the month before.
   */
  public static Dataset<Row> jumps(
      Dataset<Row> rows,
      String[] key,
      String measure,
      String source,
      String column,
      double factor) {
    Column[] keys = java.util.Arrays.stream(key).map(k -> col(k)).toArray(Column[]::new);
    var byMonth = Window.partitionBy(keys).orderBy("_month");
    Dataset<Row> withPrevious =
        rows.withColumn("_month", MonthSpine.monthIndex("period"))
            .withColumn("_prev", lag(col(measure), 1).over(byMonth))
            .withColumn("_prev_month", lag(col("_month"), 1).over(byMonth));
    Column consecutive = col("_prev_month").equalTo(col("_month").minus(1));
    Column ratio = col(measure).cast("double").divide(col("_prev").cast("double"));
    Column jumped =
        consecutive
            .and(col("_prev").gt(0))
            .and(col(measure).gt(0))
            .and(ratio.gt(factor).or(ratio.lt(1 / factor)));
    return shape(
        withPrevious.filter(jumped).withColumn("_value", col(measure).cast("string")),
        source,
        "month_over_month_jump",
        column,
        org.apache.spark.sql.functions.concat(
            lit("x"),
            org.apache.spark.sql.functions.format_number(ratio, 2),
            lit(" of the previous month")));
  }

  /**
   * Flagged rows in the warnings mart's columns: {@code rows} carry lineage, their own period,
   * county and credit code where the source has them, and {@code _value}.
   */
  public static Dataset<Row> shape(
      Dataset<Row> rows, String source, String warning, String column, Column detail) {
    List<String> columns = List.of(rows.columns());
    return rows.select(
        lit(source).as("source"),
        col("file"),
        col("line"),
        col("received"),
        (columns.contains("period") ? col("period") : lit(null).cast("string")).as("period"),
        (columns.contains("county_code") ? col("county_code") : lit(null).cast("string"))
            .as("county_code"),
        (columns.contains("credit_code") ? col("credit_code") : lit(null).cast("string"))
            .as("credit_code"),
        lit(warning).as("warning"),
        lit(column).as("column"),
        col("_value").as("value"),
        detail.as("detail"));
  }
}
