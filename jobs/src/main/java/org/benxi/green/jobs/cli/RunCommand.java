package org.benxi.green.jobs.cli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.Preload;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.RunSummary;
import org.benxi.green.jobs.spark.SparkTempFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code green run}: computes and publishes one period. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Compute and publish one period.",
      "",
      "Reads every drop received up to --as-of, validates and stages it, computes the marts and every catalog indicator for the city and each county, and publishes them into the warehouse: marts/<mart>/period=P/, reports/P/indicators.csv and rejects.csv, and runs/<run id>/manifest.json. The period switches to the new publication in one atomic step; earlier publications stay under publications/<P>/ (see 'green history'). One run at a time publishes into a warehouse.",
      "",
      "When the previous month is published, the run carries its state and recomputes only the months its new drops touch; it rebuilds in full (and says why) when that is not safe, or with --full. Both ways publish the same."
    },
    footer = {
      "",
      "Example:",
      "  ./green run --data demo/data --warehouse demo/warehouse --period 2025-12",
      "",
      "Exit status: 0 published; 1 bad input or failure (one-line message); 2 bad arguments."
    })
public final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Raw data root (raw/<source>/received=<date>/*.csv, optional reference/).")
  String data;

  @Option(
      names = "--warehouse",
      required = true,
      paramLabel = "DIR|URI",
      description =
          "Where marts, reports and run manifests are published: a folder, or hdfs:// or s3a:// (committed"
              + " by a versioned pointer; a local copy under ~/.cache/green supplies the carried"
              + " state).")
  String warehouse;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "YYYY-MM",
      description = "The month to compute.")
  YearMonth period;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "See only drops received on or before this date (default: all drops).")
  LocalDate asOf;

  @Mixin SparkOptions sparkOptions;

  @Option(
      names = "--max-reject-rate",
      paramLabel = "FRACTION",
      defaultValue = "0.05",
      description =
          "Fail without publishing when a source rejects more than this share of its rows"
              + " (default: ${DEFAULT-VALUE}).")
  double maxRejectRate;

  @Option(
      names = "--full",
      description =
          "Recompute every month from the drops instead of carrying the previous month's"
              + " publication (the result is the same; see 'Incremental months' in the README).")
  boolean full;

  @Option(names = "--verbose", description = "Print stack traces on failure.")
  boolean verbose;

  @Override
  public Integer call() {
    RunConfig config =
        new RunConfig(data, warehouse, period, asOf, sparkOptions.settings(), maxRejectRate);
    Preload.inBackground(); // on the core the session's start leaves idle
    SparkSession spark = config.spark().start("green run " + period);
    try {
      RunSummary summary =
          MonthlyRun.run(spark, config, full ? "asked for (--full)" : null, ProgressLine.stderr());
      Reporting.printSummary(System.out, summary);
      if (config.remoteWarehouse()) {
        System.out.println(
            "Local copy (for the notebooks, GREEN_WAREHOUSE=…): " + config.warehousePath());
      }
      return 0;
    } finally {
      SparkTempFolders.stop(spark);
    }
  }
}
