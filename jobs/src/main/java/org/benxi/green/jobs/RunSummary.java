package org.benxi.green.jobs;

import java.util.List;
import java.util.Map;

/**
 * What a finished {@code green run} tells its caller: the run id, where the period's reports are,
 * where the run's manifest is (relative to a local warehouse, or its URI on HDFS), what was
 * computed, and what dead runs had left that it cleared.
 */
public record RunSummary(
    String runId,
    String publication,
    String manifest,
    ComputedPeriod computed,
    List<String> cleared) {

  /** Input files read. */
  public int files() {
    return computed.manifest().inputs().size();
  }

  /** Rows read, over every input file. */
  public long rowsRead() {
    return computed.rowsRead();
  }

  /** Rows rejected, over every input file. */
  public long rowsRejected() {
    return computed.rowsRejected();
  }

  /** Rows of the warnings mart. */
  public long warnings() {
    return computed.martRows().get("warnings");
  }

  /** Input files with columns the contract does not name. */
  public int filesWithUnknownColumns() {
    return computed.filesWithUnknownColumns();
  }

  /** Rows per mart, in publication order. */
  public Map<String, Long> martRows() {
    return computed.martRows();
  }

  /** Indicator rows per status. */
  public Map<String, Long> statusCounts() {
    return computed.statusCounts();
  }

  /** City rows per final status, by plan, for the plans whose target period is over. */
  public Map<String, Map<String, Long>> finalStatuses() {
    return computed.finalStatuses();
  }

  /** How the run computed, in one line. */
  public String computation() {
    return computed.plan().describe();
  }
}
