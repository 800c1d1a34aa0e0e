package org.benxi.green.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.RunSummary;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.generate.SampleGenerator;
import org.benxi.green.jobs.ingest.DropScanner;
import org.benxi.green.jobs.ingest.DropStore;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.spark.JobCounter;
import org.benxi.green.jobs.spark.SparkSettings;
import org.benxi.green.jobs.spark.SparkTempFolders;

/**
 * One benchmark at one size: generates the data, then times a full rebuild of the month before the
 * last (every drop received before the last month's arrive), the last month incrementally (its
 * drops arrive; it carries the first run's publication and recomputes only the months they touch),
 * and DuckDB recomputing energy_sector_month from the same drop store; checks that DuckDB's values
 * equal the published mart's.
 */
public final class Bench {
  /** What to benchmark and where to keep its data. */
  public record Config(
      Path work, int enterprises, YearMonth from, YearMonth to, long seed, int shufflePartitions) {
    /** Rejects a range without a month before the last. */
    public Config {
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("--from must be before --to: " + from + ", " + to);
      }
    }
  }

  /**
   * One timed phase: wall time, input rows, Spark jobs started, and the peaks of heap used and
   * resident memory.
   */
  public record Phase(
      String name, double seconds, long rows, int jobs, long peakHeapBytes, long peakRss) {
    /** Input rows per second of wall time. */
    public double rowsPerSecond() {
      return seconds > 0 ? rows / seconds : 0;
    }
  }

  /**
   * Every phase, the shuffle width the runs used, how the last month computed, DuckDB's comparison,
   * and the machine.
   */
  public record Outcome(
      Config config,
      List<Phase> phases,
      int shufflePartitions,
      String lastMonthComputation,
      DuckDbEnergy.Result duck,
      String machine) {
    /** The phase whose name starts with {@code prefix}. */
    public Phase phase(String prefix) {
      return phases.stream().filter(p -> p.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    /** The phases as a Markdown table, then the ratios and each target's verdict. */
    public String markdown() {
      StringBuilder md = new StringBuilder();
      md.append(
          String.format(
              Locale.ROOT,
              "%d enterprises, %s to %s (seed %d), %d shuffle partitions (%s). Machine: %s.%n%n",
              config.enterprises(),
              config.from(),
              config.to(),
              config.seed(),
              shufflePartitions,
              config.shufflePartitions() == SparkSettings.BY_INPUT_SIZE
                  ? "by input size, as green run sets them"
                  : "--shuffle-partitions",
              machine));
      md.append(
          "| phase | wall | input rows | rows/s | Spark jobs | peak heap used | peak RSS |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|\n");
      for (Phase p : phases) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,d | %,.0f | %d | %s | %s |%n",
                p.name(),
                duration(p.seconds()),
                p.rows(),
                p.rowsPerSecond(),
                p.jobs(),
                mib(p.peakHeapBytes()),
                mib(p.peakRss())));
      }
      Phase full = phase("(a)");
      Phase next = phase("(b)");
      Phase duckPhase = phase("(c)");
      long heap = phases.stream().mapToLong(Phase::peakHeapBytes).max().orElse(0);
      md.append(String.format(Locale.ROOT, "%n(b) %s.%n", lastMonthComputation));
      md.append(
          String.format(
              Locale.ROOT,
              "DuckDB vs published energy_sector_month: %,d rows, %d differing.%n",
              duck.martRows(),
              duck.differences()));
      long limit = Runtime.getRuntime().maxMemory();
      md.append(
          String.format(
              Locale.ROOT,
              "Full rebuild / DuckDB: %.1fx (must reach <= 5x: %s; goal <= 3x: %s). Incremental"
                  + " month / DuckDB: %.1fx (must reach <= 2x: %s; goal <= 1x: %s). Driver heap:"
                  + " every phase ran within a %s limit, peak used %s (target <= 2 GiB: %s).%n",
              full.seconds() / duckPhase.seconds(),
              verdict(full.seconds() <= 5 * duckPhase.seconds()),
              verdict(full.seconds() <= 3 * duckPhase.seconds()),
              next.seconds() / duckPhase.seconds(),
              verdict(next.seconds() <= 2 * duckPhase.seconds()),
              verdict(next.seconds() <= duckPhase.seconds()),
              mib(limit),
              mib(heap),
              verdict(limit <= 2L << 30)));
      return md.toString();
    }
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }

  private static String duration(double seconds) {
    long whole = Math.round(seconds);
    return whole >= 60
        ? String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60)
        : String.format(Locale.ROOT, "%.1f s", seconds);
  }

  private static String mib(long bytes) {
    return bytes == 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
  }

  private Bench() {}

  /** Runs every phase; the data root is reused when an identical one was generated before. */
  public static Outcome run(Config config, ProgressLine progress) throws Exception {
    List<Phase> phases = new ArrayList<>();
    Path data = config.work().resolve("data");
    phases.add(generate(config, data, progress));
    Path warehouse = config.work().resolve("warehouse");
    if (Files.exists(warehouse)) {
      Publications.deleteTree(warehouse);
    }
    Files.createDirectories(warehouse);
    SparkSettings settings = new SparkSettings("local[*]", config.shufflePartitions());
    Meter meter = Meter.start();
    SparkSession spark = settings.start("green bench");
    phases.add(meter.stop("Spark session start", 0, 0));
    try {
      List<SourceFile> all =
          DropScanner.scan(
                  data.toString(),
                  null,
                  SourceSchema.shipped().keySet(),
                  spark.sparkContext().hadoopConfiguration())
              .files();
      LocalDate lastArrives = firstArrivalOf(all, config.to());
      YearMonth before = config.to().minusMonths(1);
      phases.add(
          timedRun(
                  "(a) full rebuild, " + before,
                  spark,
                  new RunConfig(
                      data.toString(),
                      warehouse.toString(),
                      before,
                      lastArrives.minusDays(1),
                      settings,
                      RunConfig.DEFAULT_MAX_REJECT_RATE),
                  progress)
              .phase());
      Timed last =
          timedRun(
              "(b) incremental month, " + config.to(),
              spark,
              new RunConfig(
                  data.toString(),
                  warehouse.toString(),
                  config.to(),
                  null,
                  settings,
                  RunConfig.DEFAULT_MAX_REJECT_RATE),
              progress);
      phases.add(last.phase());
      int width = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));

      ReferenceData reference = ReferenceData.load(data);
      DropStore store =
          new DropStore(warehouse.resolve("ingest"), SourceSchema.shipped(), reference);
      List<DropStore.Drop> drops = store.ingest(spark, all, ProgressLine.silent()).drops();
      meter = Meter.start();
      DuckDbEnergy.Result duck =
          DuckDbEnergy.run(
              store,
              drops,
              reference,
              config.to(),
              warehouse
                  .resolve("marts")
                  .resolve("energy_sector_month")
                  .resolve("period=" + config.to()));
      String each =
          duck.runSeconds().stream().map(Bench::duration).collect(Collectors.joining(", "));
      Phase duckPhase =
          meter.stop(
              "(c) DuckDB energy_sector_month, fastest of "
                  + duck.runSeconds().size()
                  + ": "
                  + each,
              duck.energyRows(),
              0);
      phases.add(
          new Phase(
              duckPhase.name(),
              duck.seconds(),
              duck.energyRows(),
              0,
              duckPhase.peakHeapBytes(),
              duckPhase.peakRss()));
      return new Outcome(config, phases, width, last.summary().computation(), duck, machine());
    } finally {
      SparkTempFolders.stop(spark);
    }
  }

  /** A timed run and what it reported. */
  private record Timed(Phase phase, RunSummary summary) {}

  private static Timed timedRun(
      String name, SparkSession spark, RunConfig run, ProgressLine progress)
      throws InterruptedException {
    Meter meter = Meter.start();
    JobCounter jobs = JobCounter.start(spark);
    RunSummary summary = MonthlyRun.run(spark, run, progress);
    return new Timed(meter.stop(name, summary.rowsRead(), jobs.stop()), summary);
  }

  private static Phase generate(Config config, Path data, ProgressLine progress)
      throws IOException, InterruptedException {
    String identity =
        String.format(
            Locale.ROOT,
            "enterprises=%d from=%s to=%s seed=%d%n",
            config.enterprises(),
            config.from(),
            config.to(),
            config.seed());
    Path marker = data.resolve(".generated");
    if (Files.isRegularFile(marker) && Files.readString(marker).equals(identity)) {
      progress.note("Reusing the data generated before in " + data);
      return new Phase("generate (reused from an earlier bench)", 0, 0, 0, 0, 0);
    }
    if (Files.exists(data)) {
      Publications.deleteTree(data);
    }
    Meter meter = Meter.start();
    Map<String, Long> rows =
        new SampleGenerator(
                new GeneratorConfig(
                    data, config.enterprises(), config.from(), config.to(), config.seed()),
                progress)
            .generate();
    Phase phase =
        meter.stop("generate", rows.values().stream().mapToLong(Long::longValue).sum(), 0);
    Files.writeString(marker, identity, StandardCharsets.UTF_8);
    return phase;
  }

  /** The first received date of a drop for {@code month} (file names end in _YYYY-MM.csv). */
  private static LocalDate firstArrivalOf(List<SourceFile> files, YearMonth month) {
    return files.stream()
        .filter(f -> f.relativePath().endsWith("_" + month + ".csv"))
        .map(SourceFile::received)
        .min(LocalDate::compareTo)
        .orElseThrow(() -> new IllegalStateException("No drop for " + month));
  }

  /** Cores, memory, CPU model, Java and operating system of this machine. */
  public static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException ignored) {
      // not Linux
    }
    long ram =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    String collectors =
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(java.lang.management.GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(" + "));
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %.0f GiB RAM, Java %s, %s %s, driver heap limit %.1f GiB (%s)",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        ram / 1024.0 / 1024 / 1024,
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        Runtime.getRuntime().maxMemory() / 1024.0 / 1024 / 1024,
        collectors);
  }

  /** Wall time of a phase, with heap used sampled every 20 ms and the resident high-water mark. */
  private static final class Meter {
    private final long started = System.nanoTime();
    private final AtomicLong peakHeap = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private Meter() {
      resetResidentPeak();
      sampler =
          new Thread(
              () -> {
                Runtime rt = Runtime.getRuntime();
                while (running) {
                  peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    static Meter start() {
      return new Meter();
    }

    Phase stop(String name, long rows, int jobs) throws InterruptedException {
      double seconds = (System.nanoTime() - started) / 1e9;
      running = false;
      sampler.join();
      return new Phase(name, seconds, rows, jobs, peakHeap.get(), residentPeak());
    }

    /** Resets VmHWM (Linux: "5" into /proc/self/clear_refs); silently not elsewhere. */
    private static void resetResidentPeak() {
      try {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      } catch (IOException | RuntimeException ignored) {
        // the peak then covers the process so far
      }
    }

    private static long residentPeak() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          }
        }
      } catch (IOException | RuntimeException ignored) {
        // not Linux
      }
      return 0;
    }
  }
}
