package org.benxi.green.jobs.marts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.StagingSchemas;

/**
 * Energy conformed to base units, standard coal (tce) and CO2, and the energy marts built on it.
 */
public final class EnergyMarts {
  /** Years the energy factors cover; a month outside them has no factor and no row. */
  static final int FIRST_YEAR = 1990;

  static final int LAST_YEAR = 2100;

  private EnergyMarts() {}

  /**
   * One row per enterprise, month and energy code: the reported quantity, the quantity in the base
   * unit, tce and tCO2, with the enterprise's county and sector.
   */
  public static Dataset<Row> conform(
      Dataset<Row> energy, Dataset<Row> enterprises, ReferenceData reference) {
    Dataset<Row> dims =
        enterprises.select(
            col("credit_code"),
            col("name").as("enterprise_name"),
            col("county_code"),
            col("industry_code"),
            Lookups.sector(reference, col("industry_code")).as("sector"));
    Dataset<Row> factored =
        energy
            .withColumn("year", MonthSpine.yearOf("period"))
            .filter(col("year").between(FIRST_YEAR, LAST_YEAR))
            .withColumn("base_unit", baseUnit(reference, col("energy_code")))
            .withColumn(
                "factor_to_base", Lookups.factorToBase(reference, col("unit"), Lookups.FACTOR))
            .withColumn("tce_per_base_unit", tcePerBaseUnit(reference, col("energy_code")))
            .withColumn(
                "tco2_per_base_unit", tco2PerBaseUnit(reference, col("energy_code"), col("year")));
    return factored
        .join(dims.filter(col("sector").isNotNull()), "credit_code")
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

  private static Column baseUnit(ReferenceData reference, Column energyCode) {
    return Lookups.lookup(
        reference.energyFactors(), f -> f.baseUnit(), energyCode, DataTypes.StringType);
  }

  private static Column tcePerBaseUnit(ReferenceData reference, Column energyCode) {
    return Lookups.lookup(
        reference.energyFactors(), EnergyMarts::tcePerBaseUnit, energyCode, Lookups.FACTOR);
  }

  /**
   * Fixed CO2 factors by energy; electricity's by year, from the grid factor in force that year (a
   * {@code CASE} over the few factor years).
   */
  private static Column tco2PerBaseUnit(ReferenceData reference, Column energyCode, Column year) {
    java.util.Map<String, ReferenceData.EnergyFactor> fixed = new java.util.TreeMap<>();
    reference
        .energyFactors()
        .forEach(
            (code, f) -> {
              if (f.tco2PerBaseUnit() != null) {
                fixed.put(code, f);
              }
            });
    List<ReferenceData.GridFactor> grid = reference.gridFactors();
    Column byYear = lit(gridTco2(grid.get(grid.size() - 1))).cast(Lookups.FACTOR);
    for (int i = grid.size() - 1; i >= 1; i--) {
      byYear =
          when(
                  year.lt(grid.get(i).factorYear()),
                  lit(gridTco2(grid.get(i - 1))).cast(Lookups.FACTOR))
              .otherwise(byYear);
    }
    return coalesce(
        Lookups.lookup(
            fixed,
            f -> Lookups.fit(f.tco2PerBaseUnit(), Lookups.FACTOR),
            energyCode,
            Lookups.FACTOR),
        byYear);
  }

  /** Tonnes of standard coal per base unit of an energy. */
  static BigDecimal tcePerBaseUnit(ReferenceData.EnergyFactor factor) {
    return Lookups.fit(factor.kgcePerBaseUnit().divide(THOUSAND), Lookups.FACTOR);
  }

  /** Tonnes of CO2 per kWh under a grid factor. */
  static BigDecimal gridTco2(ReferenceData.GridFactor grid) {
    return Lookups.fit(grid.kgco2PerKwh().divide(THOUSAND), Lookups.FACTOR);
  }

  /** energy_code, unit, year: conversion of one reported unit to base unit, tce and tCO2. */
  public static final StructType FACTORS =
      new StructType()
          .add("energy_code", DataTypes.StringType, false)
          .add("unit", DataTypes.StringType, false)
          .add("year", DataTypes.IntegerType, false)
          .add("base_unit", DataTypes.StringType, false)
          .add("factor_to_base", Lookups.FACTOR, false)
          .add("tce_per_base_unit", Lookups.FACTOR, false)
          .add("tco2_per_base_unit", Lookups.FACTOR, false);

  /**
   * The factor table the lookups of {@link #conform} stand for: one row per energy, allowed unit
   * and year, in {@link #FACTORS}' columns (for engines that join, such as the DuckDB benchmark).
   */
  public static List<Row> factorRows(ReferenceData reference) {
    List<Row> rows = new ArrayList<>();
    for (ReferenceData.EnergyFactor factor : reference.energyFactors().values()) {
      for (String unit : factor.allowedUnits().stream().sorted().toList()) {
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
          BigDecimal tco2 =
              factor.tco2PerBaseUnit() != null
                  ? Lookups.fit(factor.tco2PerBaseUnit(), Lookups.FACTOR)
                  : gridTco2(reference.gridFactorFor(year));
          rows.add(
              RowFactory.create(
                  factor.code(),
                  unit,
                  year,
                  factor.baseUnit(),
                  Lookups.fit(reference.units().get(unit).factorToBase(), Lookups.FACTOR),
                  tcePerBaseUnit(factor),
                  tco2));
        }
      }
    }
    return rows;
  }

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

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
