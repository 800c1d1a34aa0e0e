package org.benxi.green.jobs.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import org.benxi.green.charts.Report;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.publish.WarehouseLock;
import org.benxi.green.jobs.publish.Warehouses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code green report}: re-renders a published period's chart report from its marts. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Re-render the chart report of a published period from its published marts.",
      "",
      "Reads the current publication's marts with Parquet's own reader (no Spark, nothing recomputed) and rewrites reports/P/charts/*.png, *.svg and reports/P/index.html. Chinese needs a CJK font (Debian: fonts-wqy-microhei); without one the report is in English and says so."
    },
    footer = {
      "",
      "Example:",
      "  ./green report --warehouse demo/warehouse --period 2025-12 --lang en",
      "",
      "Exit status: 0 rendered; 1 failure; 2 bad arguments."
    })
public final class ReportCommand implements Callable<Integer> {
  @Option(
      names = "--warehouse",
      required = true,
      paramLabel = "DIR|URI",
      description =
          "The warehouse: a folder, or hdfs://… or s3a://… (rendered into its local copy).")
  String warehouse;

  @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "The month.")
  YearMonth period;

  @Option(
      names = "--lang",
      paramLabel = "zh|en",
      defaultValue = "zh",
      description = "Language of the report (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Raw data root whose reference/ overrides county names (optional).")
  Path data;

  @Option(names = "--verbose", description = "Print stack traces on failure.")
  boolean verbose;

  @Override
  public Integer call() {
    if (!lang.equals("zh") && !lang.equals("en")) {
      throw new IllegalArgumentException("--lang must be zh or en, got " + lang);
    }
    Path root = Warehouses.readable(warehouse, Warehouses.hadoopConf(), List.of(period.toString()));
    Publications publications = new Publications(root);
    String runId =
        publications
            .currentRunId(period.toString())
            .orElseThrow(
                () -> new IllegalArgumentException(period + " has no publication in " + warehouse));
    try (WarehouseLock lock = WarehouseLock.acquire(root, "report-" + period)) {
      Report.Rendered rendered =
          Report.render(
              publications.publicationDir(period.toString(), runId),
              period,
              lang,
              IndicatorCatalog.shipped(),
              ReferenceData.load(data));
      if (rendered.fellBackToEnglish()) {
        System.err.println(
            "No CJK font installed (apt-get install fonts-wqy-microhei): the report is in English.");
      }
      System.out.printf(
          "Rendered %d charts for %s (run %s): %s%n",
          rendered.charts().size(),
          period,
          runId,
          root.resolve("reports").resolve(period.toString()).resolve("index.html"));
      return 0;
    }
  }
}
