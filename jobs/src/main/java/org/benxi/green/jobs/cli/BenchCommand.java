package org.benxi.green.jobs.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import org.benxi.green.jobs.InvalidArgument;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.bench.Bench;
import org.benxi.green.jobs.bench.SparkFloor;
import org.benxi.green.jobs.spark.SparkSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code green bench}: generates N enterprises and times the pipeline against DuckDB. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the pipeline at a given size (not a test: it prints figures).",
      "",
      "Generates N enterprises from --from to --to (reused when generated before with the same options), then times (a) a full rebuild of the month before --to from a fresh warehouse, (b) the next month, --to, whose drops arrive after (a): only they are parsed, and it carries (a)'s publication, recomputing only the months they touch, and (c) DuckDB recomputing energy_sector_month from the same drop store, in this process. Checks that DuckDB's values equal the published mart's, and prints wall time, rows/s, peak heap and resident memory, and the ratios against the targets. Writes the table to <work>/bench.md."
    },
    footer = {
      "",
      "Example:",
      "  ./green bench --enterprises 100000",
      "  ./green bench --floor",
      "",
      "Exit status: 0 measured and DuckDB agrees; 3 DuckDB's values differ; 1 failure."
    })
public final class BenchCommand implements Callable<Integer> {
  /** Jobs the floor runs: as many as a carried city month starts. */
  private static final int FLOOR_JOBS = 19;

  @Option(
      names = "--enterprises",
      paramLabel = "N",
      description = "Number of enterprises to generate (required unless --floor).")
  Integer enterprises;

  @Option(
      names = "--floor",
      description =
          "Instead: time the floor under any run here, a fresh JVM starting the run's Spark"
              + " session and running 19 trivial jobs (a carried month's count), in --work"
              + " (default: bench/floor).")
  boolean floor;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM",
      defaultValue = "2020-01",
      description = "First month (default: ${DEFAULT-VALUE}).")
  YearMonth from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM",
      defaultValue = "2025-12",
      description = "Last month, the one timed in (b) (default: ${DEFAULT-VALUE}).")
  YearMonth to;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "20220418",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Where the data and warehouse go (default: bench/<N>).")
  Path work;

  @Option(
      names = "--shuffle-partitions",
      paramLabel = "N",
      description =
          "Spark shuffle partitions (default: as green run sets them, 1 below a million input"
              + " rows, else one per core and at least 2).")
  Integer shufflePartitions;

  @Override
  public Integer call() throws Exception {
    if (floor) {
      Path dir = (work != null ? work : Path.of("bench", "floor")).toAbsolutePath();
      SparkFloor.Result result = SparkFloor.measure(dir, FLOOR_JOBS, ProgressLine.stderr());
      System.out.print(result.describe());
      System.out.println("Machine: " + Bench.machine() + ".");
      return 0;
    }
    if (enterprises == null) {
      throw new InvalidArgument("bench needs --enterprises N, or --floor");
    }
    Path dir = work != null ? work : Path.of("bench", String.valueOf(enterprises));
    int partitions = shufflePartitions != null ? shufflePartitions : SparkSettings.BY_INPUT_SIZE;
    Bench.Config config =
        new Bench.Config(dir.toAbsolutePath(), enterprises, from, to, seed, partitions);
    Bench.Outcome outcome = Bench.run(config, ProgressLine.stderr());
    String table = outcome.markdown();
    Files.writeString(dir.resolve("bench.md"), table, StandardCharsets.UTF_8);
    System.out.print(table);
    System.out.println("Written to " + dir.resolve("bench.md"));
    return outcome.duck().differences() == 0 ? 0 : 3;
  }
}
