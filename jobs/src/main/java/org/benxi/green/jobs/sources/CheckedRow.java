package org.benxi.green.jobs.sources;

import org.benxi.green.datasets.SourceSchema;

/** One row whose cells each passed their own rules: its typed values and its cells, by column. */
public record CheckedRow(SourceSchema schema, Object[] values, String[] cells) {
  /** The typed value of {@code column} ({@code null} when empty). */
  @SuppressWarnings("unchecked")
  public <T> T value(String column) {
    return (T) values[schema.indexOf(column)];
  }

  /** The cell of {@code column} as read. */
  public String cell(String column) {
    return cells[schema.indexOf(column)];
  }
}
