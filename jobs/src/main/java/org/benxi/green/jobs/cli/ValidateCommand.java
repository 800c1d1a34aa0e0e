package org.benxi.green.jobs.cli;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.RejectReasons;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.InvalidArgument;
import org.benxi.green.jobs.MonthlyJob;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.ingest.DropScanner;
import org.benxi.green.jobs.ingest.ParseJob;
import org.benxi.green.jobs.ingest.Printable;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.quality.Warnings;
import org.benxi.green.jobs.spark.SparkSettings;
import org.benxi.green.jobs.spark.SparkTempFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code green validate}: checks drops as a run would, prints every problem, publishes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check drops before submitting them; publish nothing.",
      "",
      "Applies every rule a run applies (datasets/contract/datasets.md), including keys repeated inside a drop and"
          + " enterprises unknown as of the drop, and prints each rejected row as"
          + " file:line: column: reason (Chinese / English): value, and every file under raw/ that a"
          + " run would not read, with the reason. Exit status 1 when any row would be rejected or"
          + " any file would not be read, 0 when the drops are clean."
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
    checkArguments(data, source);
    SparkSession spark = SparkSettings.LOCAL.start("green validate");
    try {
      return validate(spark, data, source, received, System.out) == 0 ? 0 : 1;
    } finally {
      SparkTempFolders.stop(spark);
    }
  }

  /**
   * Prints the files under raw/ that are not read, unknown columns, files without data rows,
   * rejects and warnings of the selected drops, one line each; returns the number of problems: rows
   * that would be rejected and files that would not be read.
   */
  public static long validate(
      SparkSession spark, Path data, String source, LocalDate received, PrintStream out) {
    checkArguments(data, source);
    Map<String, SourceSchema> schemas = SourceSchema.shipped();
    var hadoop = spark.sparkContext().hadoopConfiguration();
    DropScanner.Listing listing =
        DropScanner.scan(data.toString(), received, schemas.keySet(), hadoop);
    for (DropScanner.Skipped skipped : listing.skipped()) {
      out.println(skipped.describe());
    }
    List<SourceFile> selected =
        listing.files().stream()
            .filter(f -> source == null || f.source().equals(source))
            .filter(f -> received == null || f.received().equals(received))
            .toList();
    if (selected.isEmpty() && listing.skipped().isEmpty()) {
      throw new IllegalArgumentException(data + ": no drop files match the selection");
    }
    ReferenceData reference = ReferenceData.load(data);
    for (SourceFile file : selected) {
      describeHeader(file, schemas.get(file.source()), out);
    }
    MonthlyJob.Staging staging =
        MonthlyJob.stage(
            MonthlyJob.bySource(
                MonthlyJob.parse(spark, listing.files(), schemas, reference), schemas),
            schemas,
            ProgressLine.stderr());
    Object[] names = selected.stream().map(SourceFile::relativePath).toArray();
    List<Row> rejects =
        staging.rejects().filter(col("file").isin(names)).orderBy("file", "line").collectAsList();
    long rejected = print(out, rejects);
    List<Row> warnings =
        Warnings.all(staging.inputs(), reference)
            .filter(col("file").isin(names))
            .orderBy("file", "line", "warning")
            .collectAsList();
    for (Row w : warnings) {
      out.printf(
          "%s:%d: %s: warning %s (accepted; please check): %s, %s%n",
          Printable.of(w.getAs("file")),
          w.<Integer>getAs("line"),
          w.<String>getAs("column"),
          w.<String>getAs("warning"),
          Printable.shown(w.getAs("value")),
          w.<String>getAs("detail"));
    }
    long rows = staging.parsed().filter(col("file").isin(names)).count();
    int notRead = listing.skipped().size();
    out.printf(
        "Checked %d files, %d rows: %s%s; %d warnings.%n",
        selected.size(),
        rows,
        rejected == 0 ? "no row would be rejected" : rejected + " rows would be rejected",
        notRead == 0 ? "" : "; " + notRead + (notRead == 1 ? " file" : " files") + " not read",
        warnings.size());
    return rejected + notRead;
  }

  private static void checkArguments(Path data, String source) {
    if (!Files.isDirectory(data)) {
      throw new InvalidArgument("--data " + data + ": no such folder");
    }
    if (source != null && !SourceSchema.shipped().containsKey(source)) {
      throw new InvalidArgument(
          "--source "
              + source
              + ": not a source; one of "
              + String.join(", ", SourceSchema.shipped().keySet()));
    }
  }

  /** Columns the contract does not know, and a notice for a file without data rows. */
  private static void describeHeader(SourceFile file, SourceSchema schema, PrintStream out) {
    String name = Printable.of(file.relativePath());
    byte[] bytes;
    try {
      bytes = ParseJob.bytes(file.uri(), Map.of());
    } catch (IOException | RuntimeException e) {
      return; // the parse reports the file as unreadable
    }
    RawCsvReader.Reading reading = RawCsvReader.read(bytes, schema);
    if (reading.header() != null && !reading.header().unknownColumns().isEmpty()) {
      out.printf(
          "%s:1: columns not in the contract were ignored: %s%n",
          name,
          reading.header().unknownColumns().stream()
              .map(Printable::shown)
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    if (!reading.rows().hasNext()) {
      out.printf("%s: notice: %s; nothing to read%n", name, RawCsvReader.noRows(bytes, reading));
    }
  }

  /** One line per reject: file:line: column: reason (zh / en): value, cut and escaped. */
  static long print(PrintStream out, List<Row> rejects) {
    for (Row r : rejects) {
      String reason = r.getAs("reason");
      RejectReasons.Message message = RejectReasons.of(reason);
      out.printf(
          "%s:%d: %s: %s (%s / %s): %s%n",
          Printable.of(r.getAs("file")),
          r.<Integer>getAs("line"),
          r.<String>getAs("column"),
          reason,
          message.zh(),
          message.en(),
          Printable.shown(r.getAs("value")));
    }
    return rejects.size();
  }
}
