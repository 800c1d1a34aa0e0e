package org.benxi.green.jobs.sources;

import java.time.LocalDate;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.RawRow;

/** {@code power_plants}: a unit can only retire after it was commissioned. */
final class PowerPlants implements SourceSpec {
  @Override
  public String name() {
    return "power_plants";
  }

  @Override
  public boolean monthly() {
    return false;
  }

  @Override
  public RawRow.Reject check(CheckedRow row, ReferenceData reference) {
    LocalDate retired = row.value("retired_on");
    if (retired != null && !retired.isAfter(row.value("commissioned_on"))) {
      return RawCsvReader.reject(
          "retired_before_commissioned", "retired_on", row.cell("retired_on"));
    }
    return null;
  }
}
