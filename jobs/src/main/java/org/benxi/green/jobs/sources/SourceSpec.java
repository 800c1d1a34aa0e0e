package org.benxi.green.jobs.sources;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.List;
import java.util.SortedSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.RecomputedMonths;
import org.benxi.green.jobs.ingest.RawRow;

/**
 * What the project knows of one raw source beyond its columns, types and single-column rules in
 * {@code sources.csv}: whether it is monthly, its role, its cross-column checks, its warning
 * checks, how its enterprises report, and which of its months an incremental run reads. Every
 * source has one, registered in {@link SourceSpecs}; the run iterates over them and names none.
 */
public interface SourceSpec extends Serializable {
  /** The source's name, as in {@code sources.csv} and {@code raw/<source>/}. */
  String name();

  /** True when rows carry a period (YYYY-MM): an incremental run reads only the months it needs. */
  boolean monthly();

  /**
   * True for the enterprise register: other sources' enterprises must be in it, and a new drop of
   * it rebuilds every month, since it decides where each enterprise's history is counted.
   */
  default boolean register() {
    return false;
  }

  /** The first cross-column rule a row breaks, or {@code null}; single cells are checked before. */
  default RawRow.Reject check(CheckedRow row, ReferenceData reference) {
    return null;
  }

  /**
   * Warning checks on the staged rows, each in the warnings mart's shape ({@code Warnings.shape});
   * plausible ranges, which are data, come on top.
   */
  default List<Dataset<Row>> warnings(Dataset<Row> staged, ReferenceData reference) {
    return List.of();
  }

  /**
   * Each enterprise's reports, {@code credit_code} and {@code period}, for the missing-reporter
   * check; {@code null} when the source is not reported monthly by enterprises.
   */
  default Dataset<Row> reports(Dataset<Row> staged) {
    return null;
  }

  /**
   * The months of staged rows an incremental run reads to recompute {@code months}: by default the
   * months whose warnings it recomputes and the month before each.
   */
  default SortedSet<YearMonth> readMonths(RecomputedMonths months) {
    return months.warningReads();
  }

  /**
   * True when each publication's state keeps this source's staged rows of its last months, so that
   * the next month stages only its new drops' rows for them: a monthly source whose earlier months
   * a run reads for month-over-month warnings.
   */
  default boolean carriesStagedMonths() {
    return false;
  }

  /** The staged table from the latest accepted row per key and every flagged row of the source. */
  default Dataset<Row> staged(Dataset<Row> latest, Dataset<Row> flagged) {
    return latest;
  }
}
