package org.benxi.green.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.Callable;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.generate.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code green generate}: writes a seeded sample data root that follows
 * datasets/contract/datasets.md.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a deterministic sample raw data root.",
      "",
      "Writes raw/<source>/received=<date>/*.csv for Benxi following datasets/contract/datasets.md: enterprises in six counties dominated by steel and mining, every source through --to, a few rows that break the contract, and revisions that arrive in later drops. The same options always give the same bytes."
    },
    footer = {"", "Example:", "  ./green generate --out /tmp/benxi --to 2025-12"})
public final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Data root to write; must not exist or be empty.")
  Path out;

  @Option(
      names = "--enterprises",
      paramLabel = "N",
      defaultValue = "1200",
      description = "Number of enterprises (default: ${DEFAULT-VALUE}).")
  int enterprises;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM",
      defaultValue = "2020-01",
      description = "First month (default: ${DEFAULT-VALUE}).")
  YearMonth from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM",
      description = "Last month (default: the month before the current one).")
  YearMonth to;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "20220418",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    GeneratorConfig config = new GeneratorConfig(out, enterprises, from, lastMonth(to), seed);
    generate(config);
    return 0;
  }

  static YearMonth lastMonth(YearMonth to) {
    return to != null ? to : YearMonth.now().minusMonths(1);
  }

  static void generate(GeneratorConfig config) throws Exception {
    if (Files.isDirectory(config.out())) {
      try (var entries = Files.list(config.out())) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(config.out() + " exists and is not empty");
        }
      }
    }
    System.out.printf(
        "Generating %d enterprises, %s to %s (seed %d) into %s%n",
        config.enterprises(), config.from(), config.to(), config.seed(), config.out());
    Map<String, Long> rows = new SampleGenerator(config, ProgressLine.stderr()).generate();
    long total = rows.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("Wrote %d rows into %s/raw%n", total, config.out());
  }
}
