package org.benxi.green.jobs.marts;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One published mart: its name, its grain (the columns that identify a row, and the same in words),
 * its typed columns (those declared {@code NOT NULL} never hold a null), its sort key, whether the
 * next month's incremental run carries it, and the CSV report made from it, if any. Registered in
 * {@link MartSpecs}; the run writes, reports and carries marts through their specs.
 */
public record MartSpec(
    String name,
    String grainText,
    List<String> grain,
    StructType columns,
    boolean carried,
    String note,
    CsvReport report) {

  /** A CSV report of the mart: its file name under reports/, its columns and its row order. */
  public record CsvReport(String file, List<String> columns, List<String> order) {}

  /**
   * The columns in order: the writer's sort key, so a rewrite of the same rows is the same file.
   */
  public List<String> sortKey() {
    return List.of(columns.fieldNames());
  }

  /** The columns declared never null. */
  public List<String> notNull() {
    return Arrays.stream(columns.fields())
        .filter(f -> !f.nullable())
        .map(StructField::name)
        .toList();
  }

  /**
   * Fails unless {@code actual} has exactly these column names and types, in this order; whether a
   * column may hold nulls is the data's to show, checked by the tests, not the plan's.
   */
  public void check(StructType actual) {
    List<String> want = Arrays.stream(columns.fields()).map(MartSpec::typed).toList();
    List<String> got = Arrays.stream(actual.fields()).map(MartSpec::typed).toList();
    if (!want.equals(got)) {
      throw new IllegalStateException(
          "mart " + name + " has columns " + got + " but its spec declares " + want);
    }
  }

  private static String typed(StructField f) {
    return f.name() + " " + f.dataType().sql();
  }
}
