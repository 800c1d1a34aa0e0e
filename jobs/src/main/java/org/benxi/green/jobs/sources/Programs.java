package org.benxi.green.jobs.sources;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.RawRow;
import org.benxi.green.jobs.marts.ProgramStarts;

/**
 * {@code programs}, registers of counted items: a completed item needs its completion date, an area
 * program its area, and a start date may not follow the completion date. Staged items gain the date
 * they started ({@link ProgramStarts}).
 */
final class Programs implements SourceSpec {
  private static final Set<String> AREA_PROGRAMS =
      Set.of("conservation_tillage", "polluted_farmland");

  @Override
  public String name() {
    return "programs";
  }

  @Override
  public boolean monthly() {
    return false;
  }

  @Override
  public RawRow.Reject check(CheckedRow row, ReferenceData reference) {
    if ("completed".equals(row.value("status")) && row.value("completed_on") == null) {
      return RawCsvReader.reject("completed_without_date", "completed_on", "");
    }
    java.time.LocalDate started = row.value("started_on");
    java.time.LocalDate completed = row.value("completed_on");
    if (started != null && completed != null && started.isAfter(completed)) {
      return RawCsvReader.reject("started_after_completed", "started_on", started.toString());
    }
    if (AREA_PROGRAMS.contains(row.<String>value("program")) && row.value("area_mu") == null) {
      return RawCsvReader.reject("area_required", "area_mu", "");
    }
    return null;
  }

  @Override
  public Dataset<Row> staged(Dataset<Row> latest, Dataset<Row> flagged) {
    return ProgramStarts.transform(latest, flagged);
  }
}
