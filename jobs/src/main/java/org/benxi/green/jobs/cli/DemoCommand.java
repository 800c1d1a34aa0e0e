package org.benxi.green.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.Preload;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.RunSummary;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.ingest.LatestPeriod;
import org.benxi.green.jobs.spark.SparkSettings;
import org.benxi.green.jobs.spark.SparkTempFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code green demo}: sample data (generated once), the latest month's run, and where to look. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate sample data if absent, run the latest month, show where the outputs are.",
      "",
      "The first run generates 1,200 enterprises from 2020-01 to last month under demo/data; later runs reuse it. The latest month is computed into demo/warehouse on Spark local mode."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "demo",
      description = "Folder for data and warehouse (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--verbose", description = "Print stack traces on failure.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Path data = dir.resolve("data");
    Path warehouse = dir.resolve("warehouse");
    if (!Files.isDirectory(data.resolve("raw"))) {
      GenerateCommand.generate(
          new GeneratorConfig(
              data, 1200, YearMonth.of(2020, 1), GenerateCommand.lastMonth(null), 20220418L));
    } else {
      System.out.println("Using existing sample data in " + data);
    }
    YearMonth period = LatestPeriod.of(data);
    System.out.println("Running " + period + " on Spark local mode");
    RunConfig config =
        new RunConfig(
            data.toString(),
            warehouse.toString(),
            period,
            null,
            SparkSettings.LOCAL,
            RunConfig.DEFAULT_MAX_REJECT_RATE);
    Preload.inBackground(); // on the core the session's start leaves idle
    SparkSession spark = config.spark().start("green demo");
    try {
      RunSummary summary = MonthlyRun.run(spark, config, ProgressLine.stderr());
      Reporting.printSummary(System.out, summary);
      System.out.println("Report: " + summary.publication() + "/index.html");
      System.out.println("Front page: " + config.warehousePath().resolve("index.html"));
      return 0;
    } finally {
      SparkTempFolders.stop(spark);
    }
  }
}
