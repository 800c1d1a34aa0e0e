package org.benxi.green.jobs.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.StagingSchemas;

/** The marts of solid waste, green factories, power capacity, forest and the economy. */
public final class FactMarts {
  private FactMarts() {}

  /**
   * solid_waste_county_month: one row per month (to the run's month), county and category, with the
   * summed flows and the number of reporting rows.
   */
  public static Dataset<Row> wasteCountyMonth(
      Dataset<Row> waste, ReferenceData reference, String period) {
    Column[] flows = {
      measureSum("generated_t"),
      measureSum("utilized_t"),
      measureSum("utilized_prior_storage_t"),
      measureSum("disposed_t"),
      measureSum("stored_t"),
      count(lit(1)).cast("int").as("reports")
    };
    return waste
        .filter(col("period").leq(period))
        .groupBy("period", "county_code", "category")
        .agg(flows[0], java.util.Arrays.copyOfRange(flows, 1, flows.length))
        .withColumn("bulk", Lookups.bulk(reference, col("category")))
        .withColumn("county_level", Lookups.countyLevel(reference, col("category")))
        .filter(col("bulk").isNotNull())
        .select(
            col("category"),
            col("period"),
            col("county_code"),
            col("generated_t"),
            col("utilized_t"),
            col("utilized_prior_storage_t"),
            col("disposed_t"),
            col("stored_t"),
            col("reports"),
            col("bulk"),
            col("county_level"));
  }

  /**
   * green_factory_roster: one row per certification (enterprise and level) with the enterprise's
   * county and whether it is active at the end of the run's month.
   */
  public static Dataset<Row> greenFactoryRoster(
      Dataset<Row> factories, Dataset<Row> enterprises, java.time.LocalDate periodEnd) {
    Column end = lit(periodEnd);
    return factories
        .join(
            enterprises.select(
                col("credit_code"), col("name").as("enterprise_name"), col("county_code")),
            "credit_code")
        .select(
            col("credit_code"),
            col("enterprise_name"),
            col("county_code"),
            col("level"),
            col("batch"),
            col("certified_on"),
            col("revoked_on"),
            activeAt(col("certified_on"), col("revoked_on"), end).as("active_at_period_end"));
  }

  /** True when started on or before {@code end} and not ended by it. */
  static Column activeAt(Column startedOn, Column endedOn, Column end) {
    return startedOn.leq(end).and(endedOn.isNull().or(endedOn.gt(end)));
  }

  /**
   * power_capacity: one row per month (series start to the run's month), county and power source,
   * with the capacity and number of units active at month end.
   */
  public static Dataset<Row> powerCapacity(
      Dataset<Row> plants, Dataset<Row> spine, ReferenceData reference) {
    return plants
        .crossJoin(spine.select("period", "period_end"))
        .filter(activeAt(col("commissioned_on"), col("retired_on"), col("period_end")))
        .groupBy("period", "county_code", "source")
        .agg(measureSum("capacity_mw"), count(lit(1)).cast("int").as("units"))
        .withColumn("non_fossil", Lookups.nonFossil(reference, col("source")))
        .filter(col("non_fossil").isNotNull())
        .select(
            col("source"),
            col("period"),
            col("county_code"),
            col("capacity_mw"),
            col("units"),
            col("non_fossil"));
  }

  /**
   * forest_inventory: one row per county and inventory year up to the run's year, with coverage and
   * whether it is the county's latest inventory used for the run's month.
   */
  public static Dataset<Row> forestInventory(Dataset<Row> forest, int year) {
    Dataset<Row> upToYear = forest.filter(col("year").leq(year));
    return upToYear
        .withColumn(
            "used_for_period",
            row_number()
                .over(Window.partitionBy("county_code").orderBy(col("year").desc()))
                .equalTo(1))
        .select(
            col("county_code"),
            col("year"),
            col("land_area_ha"),
            col("forest_area_ha"),
            col("forest_area_ha")
                .cast("double")
                .multiply(100)
                .divide(col("land_area_ha").cast("double"))
                .as("coverage_pct"),
            col("used_for_period"));
  }

  /**
   * economy_county_quarter: one row per county and quarter that ended on or before the end of the
   * run's month, with the quarter's own values.
   */
  public static Dataset<Row> economyQuarters(Dataset<Row> economy, java.time.YearMonth period) {
    int lastQuarterIndex = period.getYear() * 4 + period.getMonthValue() / 3 - 1;
    return withQuarterIndex(economy)
        .filter(col("quarter_index").leq(lastQuarterIndex))
        .select(
            "county_code",
            "quarter",
            "year",
            "quarter_of_year",
            "quarter_index",
            "gdp_10k_yuan",
            "gdp_2020_prices_10k_yuan",
            "sei_value_added_10k_yuan",
            "energy_tce",
            "co2_t",
            "water_10k_m3");
  }

  /** Adds year, quarter_of_year and quarter_index (year x 4 + quarter - 1). */
  public static Dataset<Row> withQuarterIndex(Dataset<Row> economy) {
    return economy
        .withColumn("year", MonthSpine.yearOf("quarter"))
        .withColumn("quarter_of_year", col("quarter").substr(7, 1).cast("int"))
        .withColumn("quarter_index", col("year").multiply(4).plus(col("quarter_of_year")).minus(1));
  }

  static Column measureSum(String column) {
    return sum(column).cast(StagingSchemas.MEASURE).as(column);
  }
}
