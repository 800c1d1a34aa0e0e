package org.benxi.green.jobs.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.StagingSchemas;

/**
 * Production-line unit consumption over the 12 months ending each month, classed against the
 * process's benchmark and baseline levels.
 */
public final class LineEfficiency {
  /** At or better than the benchmark level. */
  public static final String AT_BENCHMARK = "benchmark";

  /** Better than the baseline level but not at benchmark. */
  public static final String BETWEEN = "between";

  /** Worse than the baseline level: to be retrofitted or phased out. */
  public static final String BELOW_BASELINE = "below_baseline";

  /** No output in the 12 months. */
  public static final String NO_OUTPUT = "no_output";

  private LineEfficiency() {}

  /**
   * One row per line and month of the spine in which the line reported within the trailing 12
   * months: energy and output summed over those months, the latest capacity, unit consumption
   * (kgce/t), the class, and whether the line reported in that very month.
   */
  public static Dataset<Row> trailing12(
      Dataset<Row> lines, Dataset<Row> enterprises, Dataset<Row> spine, ReferenceData reference) {
    Dataset<Row> monthly =
        lines.withColumn("line_month", MonthSpine.monthIndex("period")).drop("period");
    Dataset<Row> months = spine.select(col("period"), col("month_index"));
    Column inWindow =
        monthly
            .col("line_month")
            .between(months.col("month_index").minus(11), months.col("month_index"));
    Dataset<Row> windowed =
        monthly
            .join(months, inWindow)
            .groupBy("period", "month_index", "line_id")
            .agg(
                sum("energy_tce").as("energy_tce_12m"),
                sum("output_t").as("output_t_12m"),
                max_by(col("capacity_10kt"), col("line_month")).as("capacity_10kt"),
                max_by(col("process"), col("line_month")).as("process"),
                max_by(col("credit_code"), col("line_month")).as("credit_code"),
                max(when(col("line_month").equalTo(col("month_index")), lit(true))
                        .otherwise(lit(false)))
                    .as("reported_in_month"));
    Column unit =
        col("energy_tce_12m")
            .cast("double")
            .multiply(1000)
            .divide(col("output_t_12m").cast("double"));
    Column hasOutput = col("output_t_12m").gt(0);
    return windowed
        .withColumn("benchmark_kgce_t", Lookups.benchmarkLevel(reference, col("process")))
        .withColumn("baseline_kgce_t", Lookups.baselineLevel(reference, col("process")))
        .filter(col("benchmark_kgce_t").isNotNull())
        .join(enterprises.select("credit_code", "county_code"), "credit_code")
        .withColumn("unit_consumption_kgce_t", when(hasOutput, unit))
        .withColumn(
            "efficiency_class",
            when(hasOutput.unary_$bang(), lit(NO_OUTPUT))
                .when(col("unit_consumption_kgce_t").leq(col("benchmark_kgce_t")), AT_BENCHMARK)
                .when(col("unit_consumption_kgce_t").leq(col("baseline_kgce_t")), BETWEEN)
                .otherwise(BELOW_BASELINE))
        .select(
            col("period"),
            col("line_id"),
            col("credit_code"),
            col("county_code"),
            col("process"),
            col("capacity_10kt"),
            col("energy_tce_12m").cast(StagingSchemas.MEASURE).as("energy_tce_12m"),
            col("output_t_12m").cast(StagingSchemas.MEASURE).as("output_t_12m"),
            col("unit_consumption_kgce_t"),
            col("benchmark_kgce_t"),
            col("baseline_kgce_t"),
            col("efficiency_class"),
            col("reported_in_month"));
  }
}
