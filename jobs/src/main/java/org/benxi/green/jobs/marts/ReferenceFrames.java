package org.benxi.green.jobs.marts;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;

/** Small frames of reference data that the jobs join to: one row per code. */
public final class ReferenceFrames {
  private ReferenceFrames() {}

  /** industry_code, sector. */
  public static Dataset<Row> industries(SparkSession spark, ReferenceData reference) {
    return frame(
        spark,
        reference.industries().values(),
        i -> RowFactory.create(i.code(), i.sector()),
        new StructType()
            .add("industry_code", DataTypes.StringType, false)
            .add("sector", DataTypes.StringType, false));
  }

  /** category, bulk, county_level. */
  public static Dataset<Row> wasteCategories(SparkSession spark, ReferenceData reference) {
    return frame(
        spark,
        reference.wasteCategories().values(),
        c -> RowFactory.create(c.category(), c.bulk(), c.countyLevel()),
        new StructType()
            .add("category", DataTypes.StringType, false)
            .add("bulk", DataTypes.BooleanType, false)
            .add("county_level", DataTypes.BooleanType, false));
  }

  /** source, non_fossil. */
  public static Dataset<Row> powerSources(SparkSession spark, ReferenceData reference) {
    return frame(
        spark,
        reference.powerSources().values(),
        s -> RowFactory.create(s.source(), s.nonFossil()),
        new StructType()
            .add("source", DataTypes.StringType, false)
            .add("non_fossil", DataTypes.BooleanType, false));
  }

  /** process, benchmark_kgce_t, baseline_kgce_t (doubles). */
  public static Dataset<Row> benchmarks(SparkSession spark, ReferenceData reference) {
    return frame(
        spark,
        reference.benchmarks().values(),
        b ->
            RowFactory.create(
                b.process(),
                b.benchmarkKgcePerT().doubleValue(),
                b.baselineKgcePerT().doubleValue()),
        new StructType()
            .add("process", DataTypes.StringType, false)
            .add("benchmark_kgce_t", DataTypes.DoubleType, false)
            .add("baseline_kgce_t", DataTypes.DoubleType, false));
  }

  /** unit, factor_to_base. */
  public static Dataset<Row> units(SparkSession spark, ReferenceData reference) {
    return frame(
        spark,
        reference.units().values(),
        u -> RowFactory.create(u.unit(), u.factorToBase()),
        new StructType()
            .add("unit", DataTypes.StringType, false)
            .add("factor_to_base", DataTypes.createDecimalType(20, 6), false));
  }

  private static <T> Dataset<Row> frame(
      SparkSession spark, Collection<T> items, Function<T, Row> toRow, StructType schema) {
    List<Row> rows = items.stream().map(toRow).toList();
    return spark.createDataFrame(rows, schema);
  }
}
