package org.benxi.green.jobs.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.audit.History;
import org.benxi.green.jobs.publish.Warehouses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code green history}: every publication of a period and what changed between them. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "List every publication of a period and what changed between consecutive ones.",
      "",
      "For each publication: its run id, as-of date, finish time and input count; then the input files added, removed or changed since the one before, and every indicators.csv row whose value, status or other cells changed. Paste it into the monthly memo. Reads only the warehouse; no Spark."
    },
    footer = {
      "",
      "Example:",
      "  ./green history --warehouse demo/warehouse --period 2025-12 --lang zh",
      "",
      "Exit status: 0 listed (also when the period has no publication); 1 failure; 2 bad"
          + " arguments."
    })
public final class HistoryCommand implements Callable<Integer> {
  @Option(
      names = "--warehouse",
      required = true,
      paramLabel = "DIR|URI",
      description =
          "The warehouse: a folder, or hdfs://… or s3a://… (read through its local copy).")
  String warehouse;

  @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "The month.")
  YearMonth period;

  @Option(
      names = "--lang",
      paramLabel = "zh|en",
      defaultValue = "en",
      description = "Language of the notice (default: ${DEFAULT-VALUE}).")
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
    History.format(
            period.toString(),
            History.of(
                Warehouses.readable(warehouse, Warehouses.hadoopConf(), List.of(period.toString())),
                period.toString()),
            IndicatorCatalog.shipped(),
            ReferenceData.load(data),
            lang.equals("zh"))
        .forEach(System.out::println);
    return 0;
  }
}
