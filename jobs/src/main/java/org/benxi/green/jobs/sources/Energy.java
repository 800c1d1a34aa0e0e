package org.benxi.green.jobs.sources;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.RawRow;
import org.benxi.green.jobs.marts.Lookups;
import org.benxi.green.jobs.quality.Warnings;

/**
 * {@code energy}, form 205-1: a unit must be known and allowed for the energy; a quantity more than
 * the month-over-month factor off the enterprise's previous month, in base units, is flagged.
 */
final class Energy implements SourceSpec {
  @Override
  public String name() {
    return "energy";
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
    String unit = row.value("unit");
    if (!reference.units().containsKey(unit)) {
      return RawCsvReader.reject("unknown_unit", "unit", unit);
    }
    String energy = row.value("energy_code");
    if (!reference.energyFactors().get(energy).allowedUnits().contains(unit)) {
      return RawCsvReader.reject("unit_not_allowed", "unit", unit);
    }
    return null;
  }

  @Override
  public List<Dataset<Row>> warnings(Dataset<Row> staged, ReferenceData reference) {
    Dataset<Row> inBaseUnits =
        staged
            .withColumn(
                "_base",
                col("quantity")
                    .multiply(Lookups.factorToBase(reference, col("unit"), Lookups.UNIT_FACTOR)))
            .filter(col("_base").isNotNull());
    return List.of(
        Warnings.jumps(
            inBaseUnits,
            new String[] {"credit_code", "energy_code"},
            "_base",
            name(),
            "quantity",
            reference.quality().monthOverMonthFactor()));
  }

  @Override
  public Dataset<Row> reports(Dataset<Row> staged) {
    return staged;
  }
}
