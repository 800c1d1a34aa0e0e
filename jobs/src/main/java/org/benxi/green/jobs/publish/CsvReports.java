package org.benxi.green.jobs.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.benxi.green.charts.ExcelCsv;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.marts.MartSpec;
import org.benxi.green.jobs.marts.MartSpecs;
import org.benxi.green.jobs.marts.Scopes;

/**
 * The CSV reports of a computed period under {@code reports/} (datasets/contract/cli.md):
 * indicators.csv from the progress rows the run holds, and one report per mart whose {@link
 * MartSpec} declares one, read from the written Parquet on the driver. Excel-safe: UTF-8 with BOM,
 * formula cells neutralised.
 */
public final class CsvReports {
  /** Columns of indicators.csv, in contract order (datasets/contract/cli.md). */
  public static final List<String> INDICATOR_COLUMNS =
      List.of(
          "indicator_id",
          "scope",
          "period",
          "value",
          "unit",
          "target",
          "baseline",
          "expected",
          "status",
          "projected_2025",
          "plan",
          "final_period",
          "final_value",
          "final_status");

  private CsvReports() {}

  /**
   * Writes every report of the period computed into {@code dir} and returns the indicator rows per
   * status.
   */
  public static Map<String, Long> write(
      Path dir, List<Row> progress, String period, ReferenceData reference) {
    Path reports = dir.resolve("reports");
    try {
      Files.createDirectories(reports);
      Map<String, Long> statuses =
          writeIndicators(reports.resolve("indicators.csv"), progress, period, reference);
      for (MartSpec spec : MartSpecs.all()) {
        if (spec.report() != null) {
          writeMart(
              reports.resolve(spec.report().file()),
              dir.resolve("marts").resolve(spec.name()),
              spec.report());
        }
      }
      return statuses;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the reports into " + reports, e);
    }
  }

  private static Map<String, Long> writeIndicators(
      Path target, List<Row> progress, String period, ReferenceData reference) throws IOException {
    List<String> scopeOrder = Scopes.all(reference);
    List<Row> sorted = new ArrayList<>(progress);
    sorted.sort(
        Comparator.comparingInt((Row r) -> r.<Integer>getAs("display_order"))
            .thenComparingInt(r -> scopeOrder.indexOf(r.<String>getAs("scope"))));
    Map<String, Long> statuses = new LinkedHashMap<>();
    try (OutputStream out = Files.newOutputStream(target);
        ExcelCsv csv = new ExcelCsv(out, INDICATOR_COLUMNS)) {
      for (Row r : sorted) {
        String status = r.getAs("status");
        statuses.merge(status, 1L, Long::sum);
        csv.row(
            List.of(
                r.<String>getAs("indicator_id"),
                r.<String>getAs("scope"),
                period,
                Decimals.plain(r.getAs("value")),
                r.<String>getAs("unit"),
                Decimals.plain(r.getAs("target")),
                Decimals.plain(r.getAs("baseline")),
                Decimals.plain(r.getAs("expected")),
                status,
                Decimals.plain(r.getAs("projected_2025")),
                r.<String>getAs("plan"),
                Objects.toString(r.getAs("final_period"), ""),
                Decimals.plain(r.getAs("final_value")),
                Objects.toString(r.getAs("final_status"), "")));
      }
    }
    return statuses;
  }

  /** A written mart as a CSV with the report's columns, sorted by its order as Spark sorts. */
  private static void writeMart(Path target, Path mart, MartSpec.CsvReport report)
      throws IOException {
    ParquetRows.Table table = ParquetRows.read(mart);
    List<String> names = List.of(table.schema().fieldNames());
    List<Row> rows = new ArrayList<>(table.rows());
    Comparator<Row> byOrder = (a, b) -> 0;
    for (String column : report.order()) {
      int i = names.indexOf(column);
      byOrder = byOrder.thenComparing((Row r) -> (Comparable) r.get(i), SPARK_ORDER);
    }
    rows.sort(byOrder);
    try (OutputStream out = Files.newOutputStream(target);
        ExcelCsv csv = new ExcelCsv(out, report.columns())) {
      for (Row r : rows) {
        List<Object> cells = new ArrayList<>();
        for (String column : report.columns()) {
          cells.add(r.get(names.indexOf(column)));
        }
        csv.row(cells);
      }
    }
  }

  /** Spark SQL's ascending order: nulls first, strings by their UTF-8 bytes. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final Comparator<Comparable> SPARK_ORDER =
      Comparator.nullsFirst(
          (a, b) ->
              a instanceof String x && b instanceof String y
                  ? Arrays.compareUnsigned(
                      x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8))
                  : a.compareTo(b));
}
