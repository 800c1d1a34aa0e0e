package org.benxi.green.jobs.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.StagingSchemas;

/**
 * Energy conformed to base units, standard coal (tce) and CO2, and the energy marts built on it.
 */
public final class EnergyMarts {
  /** Factor precision: small per-m3 CO2 factors need 12 decimals. */
  static final DataType FACTOR = DataTypes.createDecimalType(24, 12);

  /** energy_code, unit, year: conversion of one reported unit to base unit, tce and tCO2. */
  public static final StructType FACTORS =
      new StructType()
          .add("energy_code", DataTypes.StringType, false)
          .add("unit", DataTypes.StringType, false)
          .add("year", DataTypes.IntegerType, false)
          .add("base_unit", DataTypes.StringType, false)
          .add("factor_to_base", FACTOR, false)
          .add("tce_per_base_unit", FACTOR, false)
          .add("tco2_per_base_unit", FACTOR, false);

  private EnergyMarts() {}

  /** One row per energy, allowed unit and year in [{@code fromYear}, {@code toYear}]. */
  public static Dataset<Row> factors(
      SparkSession spark, ReferenceData reference, int fromYear, int toYear) {
    return spark.createDataFrame(factorRows(reference, fromYear, toYear), FACTORS);
  }

  /** The rows of {@link #factors}, in {@link #FACTORS}' columns, without Spark. */
  public static List<Row> factorRows(ReferenceData reference, int fromYear, int toYear) {
    List<Row> rows = new ArrayList<>();
    BigDecimal thousand = BigDecimal.valueOf(1000);
    for (ReferenceData.EnergyFactor factor : reference.energyFactors().values()) {
      for (String unit : factor.allowedUnits().stream().sorted().toList()) {
        for (int year = fromYear; year <= toYear; year++) {
          BigDecimal tco2 =
              factor.tco2PerBaseUnit() != null
                  ? factor.tco2PerBaseUnit()
                  : reference.gridFactorFor(year).kgco2PerKwh().divide(thousand);
          rows.add(
              RowFactory.create(
                  factor.code(),
                  unit,
                  year,
                  factor.baseUnit(),
                  reference.units().get(unit).factorToBase(),
                  factor.kgcePerBaseUnit().divide(thousand),
                  tco2));
        }
      }
    }
    return rows;
  }

  /**
   * One row per enterprise, month and energy code: the reported quantity, the quantity in the base
   * unit, tce and tCO2, with the enterprise's county and sector.
   */
  public static Dataset<Row> conform(
      Dataset<Row> energy,
      Dataset<Row> enterprises,
      Dataset<Row> industries,
      Dataset<Row> factors) {
    Dataset<Row> dims =
        enterprises
            .join(industries, "industry_code")
            .select(
                col("credit_code"),
                col("name").as("enterprise_name"),
                col("county_code"),
                col("industry_code"),
                col("sector"));
    Dataset<Row> withYear = energy.withColumn("year", MonthSpine.yearOf("period"));
    return withYear
        .join(factors, new String[] {"energy_code", "unit", "year"})
        .join(dims, "credit_code")
        .withColumn("quantity_base", col("quantity").multiply(col("factor_to_base")))
        .select(
            col("period"),
            col("credit_code"),
            col("enterprise_name"),
            col("county_code"),
            col("industry_code"),
            col("sector"),
            col("energy_code"),
            col("quantity"),
            col("unit"),
            col("quantity_base").cast(StagingSchemas.MEASURE).as("quantity_base"),
            col("base_unit"),
            col("quantity_base")
                .multiply(col("tce_per_base_unit"))
                .cast(StagingSchemas.MEASURE)
                .as("tce"),
            col("quantity_base")
                .multiply(col("tco2_per_base_unit"))
                .cast(StagingSchemas.MEASURE)
                .as("co2_t"));
  }

  /** energy_enterprise_month: the conformed rows of the run's month only. */
  public static Dataset<Row> enterpriseMonth(Dataset<Row> conformed, String period) {
    return conformed.filter(col("period").equalTo(period));
  }

  /**
   * energy_sector_month: one row per month (series start to the run's month), county, sector and
   * energy code, with tce, tCO2 and the number of reporting enterprises.
   */
  public static Dataset<Row> sectorMonth(Dataset<Row> conformed, String period) {
    return conformed
        .filter(col("period").leq(period))
        .groupBy("period", "county_code", "sector", "energy_code")
        .agg(
            sum("tce").cast(StagingSchemas.MEASURE).as("tce"),
            sum("co2_t").cast(StagingSchemas.MEASURE).as("co2_t"),
            count(lit(1)).cast("int").as("enterprises"));
  }
}
