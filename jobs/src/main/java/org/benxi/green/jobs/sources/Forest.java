package org.benxi.green.jobs.sources;

import java.math.BigDecimal;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.RawRow;

/** {@code forest}, the annual inventory: forest area cannot exceed land area. */
final class Forest implements SourceSpec {
  @Override
  public String name() {
    return "forest";
  }

  @Override
  public boolean monthly() {
    return false;
  }

  @Override
  public RawRow.Reject check(CheckedRow row, ReferenceData reference) {
    BigDecimal forest = row.value("forest_area_ha");
    if (forest.compareTo(row.value("land_area_ha")) > 0) {
      return RawCsvReader.reject(
          "forest_exceeds_land", "forest_area_ha", row.cell("forest_area_ha"));
    }
    return null;
  }
}
