package org.benxi.green.jobs.sources;

import java.time.LocalDate;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.RawRow;

/** {@code green_factories}: a certification can only be revoked after it was granted. */
final class GreenFactories implements SourceSpec {
  @Override
  public String name() {
    return "green_factories";
  }

  @Override
  public boolean monthly() {
    return false;
  }

  @Override
  public RawRow.Reject check(CheckedRow row, ReferenceData reference) {
    LocalDate revoked = row.value("revoked_on");
    if (revoked != null && !revoked.isAfter(row.value("certified_on"))) {
      return RawCsvReader.reject("revoked_before_certified", "revoked_on", row.cell("revoked_on"));
    }
    return null;
  }
}
