package org.benxi.green.jobs.ingest;

/**
 * One data row of a raw CSV file: its 1-based physical start line and its cells in the source's
 * contract column order (trimmed; {@code null} when empty or absent), or a structural reject.
 */
public record RawRow(int line, String[] cells, Reject reject) {

  /** A reason code with the column and the offending value. */
  public record Reject(String reason, String column, String value) {}
}
