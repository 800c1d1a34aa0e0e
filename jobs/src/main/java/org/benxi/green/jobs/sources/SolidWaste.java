package org.benxi.green.jobs.sources;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.RawRow;
import org.benxi.green.jobs.quality.Warnings;

/**
 * {@code solid_waste}: what is used from storage cannot exceed what is used; an enterprise must be
 * named except for county-level categories. Flows that do not balance are flagged, and so are
 * month-over-month jumps, except for the seasonal county-level categories.
 */
final class SolidWaste implements SourceSpec {
  @Override
  public String name() {
    return "solid_waste";
  }

  @Override
  public boolean monthly() {
    return true;
  }

  @Override
  public boolean carriesStagedMonths() {
    return true;
  }

  @Override
  public RawRow.Reject check(CheckedRow row, ReferenceData reference) {
    BigDecimal prior = row.value("utilized_prior_storage_t");
    BigDecimal utilized = row.value("utilized_t");
    if (prior.compareTo(utilized) > 0) {
      return RawCsvReader.reject(
          "prior_storage_exceeds_utilized",
          "utilized_prior_storage_t",
          row.cell("utilized_prior_storage_t"));
    }
    String category = row.value("category");
    if (row.value("credit_code") == null
        && !reference.wasteCategories().get(category).countyLevel()) {
      return RawCsvReader.reject("credit_code_required", "credit_code", "");
    }
    return null;
  }

  @Override
  public List<Dataset<Row>> warnings(Dataset<Row> staged, ReferenceData reference) {
    ReferenceData.QualityRules rules = reference.quality();
    Column residual =
        col("generated_t")
            .minus(col("utilized_t"))
            .plus(col("utilized_prior_storage_t"))
            .minus(col("disposed_t"))
            .minus(col("stored_t"));
    Dataset<Row> imbalanced =
        Warnings.shape(
            staged
                .filter(
                    abs(residual).gt(col("generated_t").multiply(rules.wasteBalanceTolerance())))
                .withColumn("_value", residual.cast("string")),
            name(),
            "waste_flow_imbalance",
            "generated_t",
            lit(
                "generated - (utilized - from storage + disposed + stored) differs by more than "
                    + (100 * rules.wasteBalanceTolerance())
                    + "% of generated"));
    // County-level categories (straw, construction waste) are seasonal: no month-over-month check.
    Object[] countyLevel =
        reference.wasteCategories().values().stream()
            .filter(ReferenceData.WasteCategory::countyLevel)
            .map(ReferenceData.WasteCategory::category)
            .toArray();
    Dataset<Row> jumps =
        Warnings.jumps(
            staged
                .filter(col("category").isin(countyLevel).unary_$bang())
                .withColumn("_who", col("credit_code")),
            new String[] {"_who", "category"},
            "generated_t",
            name(),
            "generated_t",
            rules.monthOverMonthFactor());
    return List.of(imbalanced, jumps);
  }

  @Override
  public Dataset<Row> reports(Dataset<Row> staged) {
    return staged.filter(col("credit_code").isNotNull());
  }
}
