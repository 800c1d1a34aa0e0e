package org.benxi.green.jobs.cli;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.RejectReasons;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.MonthlyJob;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.ingest.DropScanner;
import org.benxi.green.jobs.ingest.HeaderScan;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.quality.DataQuality;
import org.benxi.green.jobs.spark.SparkSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code green validate}: checks drops as a run would, prints every problem, publishes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check drops before submitting them; publish nothing.",
      "",
      "Applies every rule a run applies (datasets.md), including keys repeated inside a drop and"
          + " enterprises unknown as of the drop, and prints each rejected row as"
          + " file:line: column: reason (Chinese / English): value. Exit status 1 when any row"
          + " would be rejected, 0 when the drops are clean."
    },
    footer = {
      "",
      "Example:",
      "  ./green validate --data /data/benxi --source energy --received 2025-11-10"
    })
public final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Raw data root.")
  Path data;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Only report this source (default: all).")
  String source;

  @Option(
      names = "--received",
      paramLabel = "YYYY-MM-DD",
      description =
          "Only report the drop received on this date; enterprises are checked against the"
              + " register as of that date.")
  LocalDate received;

  @Option(names = "--verbose", description = "Print stack traces on failure.")
  boolean verbose;

  @Override
  public Integer call() {
    SparkSession spark = SparkSettings.LOCAL.start("green validate");
    try {
      return validate(spark, data, source, received, System.out) == 0 ? 0 : 1;
    } finally {
      spark.stop();
    }
  }

  /**
   * Prints unknown columns, rejects and warnings of the selected drops; returns the number of rows
   * that would be rejected.
   */
  public static long validate(
      SparkSession spark, Path data, String source, LocalDate received, PrintStream out) {
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data " + data + ": no such folder");
    }
    Map<String, SourceSchema> schemas = SourceSchema.shipped();
    if (source != null && !schemas.containsKey(source)) {
      throw new IllegalArgumentException(
          "--source " + source + ": not a source; one of " + schemas.keySet());
    }
    var hadoop = spark.sparkContext().hadoopConfiguration();
    List<SourceFile> files = DropScanner.scan(data.toString(), received, schemas.keySet(), hadoop);
    List<SourceFile> selected =
        files.stream()
            .filter(f -> source == null || f.source().equals(source))
            .filter(f -> received == null || f.received().equals(received))
            .toList();
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(data + ": no drop files match the selection");
    }
    ReferenceData reference = ReferenceData.load(data);
    MonthlyJob.Staging staging =
        MonthlyJob.stage(
            MonthlyJob.parse(
                MonthlyRun.filesBySource(spark, files, schemas.keySet()), schemas, reference),
            schemas,
            ProgressLine.stderr());
    Object[] names = selected.stream().map(SourceFile::relativePath).toArray();
    HeaderScan.unknownColumns(selected, schemas, hadoop)
        .forEach(
            (file, columns) ->
                out.printf(
                    "%s:1: columns not in the contract were ignored: %s%n",
                    file, String.join(", ", columns)));
    List<Row> rejects =
        staging.rejects().filter(col("file").isin(names)).orderBy("file", "line").collectAsList();
    long problems = print(out, rejects);
    List<Row> warnings =
        DataQuality.warnings(spark, staging.inputs(), reference)
            .filter(col("file").isin(names))
            .orderBy("file", "line", "warning")
            .collectAsList();
    for (Row w : warnings) {
      out.printf(
          "%s:%d: %s: warning %s (accepted; please check): %s, %s%n",
          w.<String>getAs("file"),
          w.<Integer>getAs("line"),
          w.<String>getAs("column"),
          w.<String>getAs("warning"),
          w.<String>getAs("value"),
          w.<String>getAs("detail"));
    }
    long rows = 0;
    for (Dataset<Row> parsed : staging.parsed().values()) {
      rows += parsed.filter(col("file").isin(names)).count();
    }
    out.printf(
        "Checked %d files, %d rows: %s; %d warnings.%n",
        selected.size(),
        rows,
        problems == 0 ? "no row would be rejected" : problems + " rows would be rejected",
        warnings.size());
    return problems;
  }

  /** One line per reject: file:line: column: reason (zh / en): value. */
  static long print(PrintStream out, List<Row> rejects) {
    for (Row r : rejects) {
      String reason = r.getAs("reason");
      RejectReasons.Message message = RejectReasons.of(reason);
      out.printf(
          "%s:%d: %s: %s (%s / %s): %s%n",
          r.<String>getAs("file"),
          r.<Integer>getAs("line"),
          r.<String>getAs("column"),
          reason,
          message.zh(),
          message.en(),
          r.<String>getAs("value"));
    }
    return rejects.size();
  }
}
