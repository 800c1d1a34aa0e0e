package org.benxi.green.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.InvalidArgument;
import org.benxi.green.jobs.Preload;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.audit.Audit;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.publish.Warehouses;
import org.benxi.green.jobs.spark.SparkTempFolders;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code green audit}: recomputes a published period and compares it with the publication. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Recompute a published period from the raw drops and compare it with the publication.",
      "",
      "Recomputes in scratch space (<warehouse>/.audit/, deleted afterwards) with the drops received up to the publication's as-of date, or --as-of. Compares the input files' SHA-256, each mart's content hash (and its rows when the hash differs), then the report files byte for byte, indicators.csv row by row. Publishes nothing and takes no lock."
    },
    footer = {
      "",
      "Example:",
      "  ./green audit --data demo/data --warehouse demo/warehouse --period 2025-12",
      "  ./green audit --data demo/data --warehouse demo/warehouse --all --master 'local[1]'",
      "",
      "Exit status: 0 identical; 3 differences found (printed); 1 failure; 2 bad arguments."
    })
public final class AuditCommand implements Callable<Integer> {
  /** Exit status when the recomputation differs from the publication. */
  static final int DIFFERENT = 3;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Raw data root.")
  String data;

  @Option(
      names = "--warehouse",
      required = true,
      paramLabel = "DIR|URI",
      description =
          "The warehouse holding the publication: a folder, or hdfs://… or s3a://… (read through its local copy).")
  String warehouse;

  @ArgGroup(multiplicity = "1")
  Periods periods;

  /** One period, or every published one. */
  static final class Periods {
    @Option(
        names = "--period",
        required = true,
        paramLabel = "YYYY-MM",
        description = "The published month to audit.")
    YearMonth period;

    @Option(
        names = "--all",
        required = true,
        description = "Audit every published period, each as of its own publication.")
    boolean all;
  }

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "See drops received up to this date (default: the publication's as-of).")
  LocalDate asOf;

  @Option(
      names = "--full",
      description =
          "With --all: recompute every period in full. By default each period after the first"
              + " carries the state of the audit's own recomputation of the month before.")
  boolean full;

  @Mixin SparkOptions sparkOptions;

  @Option(names = "--verbose", description = "Print stack traces on failure.")
  boolean verbose;

  @Override
  public Integer call() {
    if (periods.all && asOf != null) {
      throw new InvalidArgument("--as-of applies to one --period, not to --all");
    }
    Path readable =
        Warehouses.readable(
            warehouse,
            Warehouses.hadoopConf(),
            periods.all ? null : List.of(periods.period.toString()));
    List<YearMonth> audited =
        periods.all
            ? new Publications(readable).periods().stream().map(YearMonth::parse).toList()
            : List.of(periods.period);
    if (audited.isEmpty()) {
      throw new IllegalArgumentException(warehouse + " has no publication to audit");
    }
    List<RunConfig> configs =
        audited.stream()
            .map(p -> new RunConfig(data, warehouse, p, asOf, sparkOptions.settings(), 1.0))
            .toList();
    Preload.inBackground(); // on the core the session's start leaves idle
    SparkSession spark = sparkOptions.settings().start("green audit");
    try {
      int[] different = {0};
      ReferenceData reference = ReferenceData.load(configs.get(0).localDataRoot());
      Audit.runAll(
          spark,
          configs,
          !periods.all || full,
          ProgressLine.stderr(),
          result -> {
            Audit.describe(result, IndicatorCatalog.shipped(), reference)
                .forEach(System.out::println);
            different[0] += result.identical() ? 0 : 1;
          });
      if (audited.size() > 1) {
        System.out.printf(
            "%d of %d periods identical.%n", audited.size() - different[0], audited.size());
      }
      return different[0] == 0 ? 0 : DIFFERENT;
    } finally {
      SparkTempFolders.stop(spark);
    }
  }
}
