package org.benxi.green.jobs.sources;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.SortedSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.RecomputedMonths;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.RawRow;

/**
 * {@code production_lines}: energy may be negative only for a process that allows it (converter). A
 * month's efficiency reads the line's 12 months behind it, so an incremental run reads those.
 */
final class ProductionLines implements SourceSpec {
  @Override
  public String name() {
    return "production_lines";
  }

  @Override
  public boolean monthly() {
    return true;
  }

  @Override
  public RawRow.Reject check(CheckedRow row, ReferenceData reference) {
    BigDecimal energy = row.value("energy_tce");
    String process = row.value("process");
    if (energy.signum() < 0 && !reference.benchmarks().get(process).allowsNegativeEnergy()) {
      return RawCsvReader.reject(
          "negative_energy_not_allowed", "energy_tce", row.cell("energy_tce"));
    }
    return null;
  }

  @Override
  public Dataset<Row> reports(Dataset<Row> staged) {
    return staged;
  }

  @Override
  public SortedSet<YearMonth> readMonths(RecomputedMonths months) {
    return months.lineWindowReads();
  }
}
