package org.benxi.green.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.charts.CountyTable;
import org.benxi.green.charts.ExcelCsv;
import org.benxi.green.charts.Report;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.ingest.DropScanner;
import org.benxi.green.jobs.ingest.DropStore;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.marts.Scopes;
import org.benxi.green.jobs.publish.ContentHash;
import org.benxi.green.jobs.publish.Decimals;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.MartWriter;
import org.benxi.green.jobs.publish.ParquetRows;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.publish.WarehouseLock;
import org.benxi.green.jobs.publish.WarehouseRoot;
import org.benxi.green.jobs.spark.SparkSettings;

/**
 * The thin I/O shell of {@link MonthlyJob}: lists the drops, reads them, runs the transform, writes
 * marts, reports and manifest into a staging folder, then publishes it with {@link Publications}.
 */
public final class MonthlyRun {
  /** Columns of indicators.csv, in contract order (cli.md). */
  public static final List<String> INDICATOR_COLUMNS =
      List.of(
          "indicator_id",
          "scope",
          "period",
          "value",
          "unit",
          "target",
          "baseline",
          "expected",
          "status",
          "projected_2025");

  /** Columns of rejects.csv, in contract order (cli.md). */
  public static final List<String> REJECT_COLUMNS =
      List.of("source", "file", "line", "column", "reason", "value");

  private MonthlyRun() {}

  /** What a finished run tells its caller. */
  public record Summary(
      String runId,
      String publication,
      int files,
      long rowsRead,
      long rowsRejected,
      long warnings,
      int filesWithUnknownColumns,
      Map<String, Long> martRows,
      Map<String, Long> statusCounts,
      List<String> cleared,
      String computation) {}

  /** A period computed into a folder: marts/, reports/ and manifest.json, not yet published. */
  public record Computed(
      String asOf,
      int files,
      long rowsRead,
      long rowsRejected,
      int filesWithUnknownColumns,
      Map<String, Long> martRows,
      Map<String, Long> statusCounts,
      CarriedState.Plan plan) {}

  /**
   * Runs and publishes one period under the warehouse lock, carrying the previous month's state
   * when it can (see {@link CarriedState#plan}).
   */
  public static Summary run(SparkSession spark, RunConfig config, ProgressLine progress) {
    return run(spark, config, null, progress);
  }

  /**
   * Runs and publishes one period under the warehouse lock: clears what dead runs left, computes
   * into a staging folder, then switches the period to the new publication in one step. A non-null
   * {@code fullRebuildReason} forbids carrying state.
   */
  public static Summary run(
      SparkSession spark, RunConfig config, String fullRebuildReason, ProgressLine progress) {
    Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    String runId = runId(started, config.period().toString());
    Publications publications = new Publications(config.warehousePath());
    WarehouseRoot.mark(config.warehousePath());
    try (WarehouseLock lock = WarehouseLock.acquire(config.warehousePath(), runId)) {
      List<String> cleared = new ArrayList<>();
      if (lock.staleHolder() != null) {
        cleared.add("stale lock of " + lock.staleHolder());
      }
      cleared.addAll(publications.clearAbandoned());
      java.nio.file.Path staging = publications.stagingDir(runId);
      String period = config.period().toString();
      Computed c;
      try {
        c =
            compute(
                spark,
                config,
                runId,
                started,
                staging,
                config.warehousePath().resolve("ingest"),
                true,
                fullRebuildReason,
                progress);
        publications.publish(
            new Publications.Publication(
                runId, period, c.asOf(), publications.currentRunId(period).orElse(null)),
            staging,
            Publications.Checkpoint.NONE);
      } catch (Exception e) { // Spark's SparkException is checked but thrown undeclared
        clearQuietly(staging); // frees what a full disk needs; clearAbandoned is the backstop
        throw e;
      }
      return new Summary(
          runId,
          config.warehousePath().resolve("reports").resolve(period).toString(),
          c.files(),
          c.rowsRead(),
          c.rowsRejected(),
          c.martRows().get("warnings"),
          c.filesWithUnknownColumns(),
          c.martRows(),
          c.statusCounts(),
          cleared,
          c.plan().describe());
    }
  }

  private static void clearQuietly(java.nio.file.Path staging) {
    try {
      Publications.deleteTree(staging);
      try (var left = java.nio.file.Files.list(staging.getParent())) {
        if (left.findAny().isEmpty()) {
          java.nio.file.Files.delete(staging.getParent());
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the next run's clearAbandoned removes it
    }
  }

  /**
   * Loads Tablesaw in the background: its first use scans the class path for readers, seconds with
   * Spark's jars on it, which the reports then need not wait for.
   */
  private static void preloadTablesaw() {
    Thread load =
        new Thread(
            () -> {
              try {
                Class.forName("tech.tablesaw.api.Table");
              } catch (ClassNotFoundException | LinkageError e) {
                // the reports load it themselves and say what is wrong
              }
            },
            "tablesaw-preload");
    load.setDaemon(true);
    load.start();
  }

  /** A run id: the start time to the millisecond, then the period. */
  public static String runId(Instant started, String period) {
    return DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC)
            .format(started)
        + "-"
        + period;
  }

  /**
   * Computes the period from the drops received up to the as-of date into {@code dir}: the marts,
   * the CSV reports, the manifest and, when asked, the chart report. Drops are parsed once into the
   * {@link DropStore} under {@code ingestRoot} and read from there. Carries the previous month's
   * state unless {@code fullRebuildReason} is given. Publishes nothing; {@code run} and {@code
   * audit} share it.
   */
  public static Computed compute(
      SparkSession spark,
      RunConfig config,
      String runId,
      Instant started,
      java.nio.file.Path dir,
      java.nio.file.Path ingestRoot,
      boolean withReport,
      String fullRebuildReason,
      ProgressLine progress) {
    try {
      return computeCached(
          spark, config, runId, started, dir, ingestRoot, withReport, fullRebuildReason, progress);
    } finally {
      spark.catalog().clearCache();
    }
  }

  private static Computed computeCached(
      SparkSession spark,
      RunConfig config,
      String runId,
      Instant started,
      java.nio.file.Path dir,
      java.nio.file.Path ingestRoot,
      boolean withReport,
      String fullRebuildReason,
      ProgressLine progress) {
    preloadTablesaw();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, SourceSchema> schemas = SourceSchema.shipped();
    ReferenceData reference = ReferenceData.load(config.localDataRoot());
    IndicatorCatalog catalog = IndicatorCatalog.shipped();

    DropScanner.Listing listing =
        DropScanner.scan(config.dataRoot(), config.asOf(), schemas.keySet(), hadoop);
    listing.skipped().forEach(s -> progress.note("warning: " + s.describe()));
    List<SourceFile> files = listing.files();
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          config.dataRoot() + "/raw: no drop files" + asOfText(config));
    }
    String asOf =
        config.asOf() != null
            ? config.asOf().toString()
            : files.stream()
                .map(SourceFile::received)
                .max(Comparator.naturalOrder())
                .orElseThrow()
                .toString();
    spark.sparkContext().setJobDescription("green run " + config.period());
    DropStore store = new DropStore(ingestRoot, schemas, reference);
    DropStore.Ingested ingested = store.ingest(spark, files, progress);
    ingested.notices().forEach(n -> progress.note("notice: " + n));
    List<DropStore.Drop> drops = ingested.drops();
    SparkSettings.tuneFor(spark, drops.stream().mapToLong(DropStore.Drop::rows).sum());
    List<String> withoutData = PeriodCoverage.check(drops, schemas, config.period());
    withoutData.forEach(
        source ->
            progress.note(
                "warning: " + source + " has no row for " + config.period() + asOfText(config)));
    String fingerprint = CarriedState.fingerprint(store, catalog);
    CarriedState.Plan plan =
        fullRebuildReason != null
            ? CarriedState.Plan.full(fullRebuildReason)
            : CarriedState.plan(config.warehousePath(), config.period(), drops, fingerprint);
    MonthlyJob.Carried carried = null;
    MonthlyJob.Staging staging;
    if (plan.incremental()) {
      carried = CarriedState.read(spark, plan);
      staging =
          MonthlyJob.stageIncrementally(
              store.parsed(spark, plan.newDrops()),
              CarriedState.stagingRows(spark, store, drops, plan.months(), schemas),
              carried.register(),
              schemas,
              progress);
    } else {
      staging = MonthlyJob.stage(store.parsed(spark, drops), schemas, progress);
    }
    MonthlyJob.Publication publication =
        MonthlyJob.publication(
            spark, staging, reference, catalog, config.period(), carried, progress);
    String period = config.period().toString();
    List<Map<String, Object>> inputs = inputs(drops, staging, plan.baseInputs());
    checkRejectionLimit(inputs, config.maxRejectRate());
    List<Row> progressRows = publication.progress().get();
    // The marts and state are independent of each other: written at the same time, so that the
    // driver plans one while the executors run another.
    ExecutorService jobs = Executors.newFixedThreadPool(CONCURRENT_JOBS);
    Written written;
    try {
      Map<String, Future<ContentHash.Measured>> marts = new LinkedHashMap<>();
      publication
          .marts()
          .forEach(
              (name, mart) ->
                  marts.put(
                      name,
                      jobs.submit(
                          () -> MartWriter.write(mart.get(), dir.resolve("marts").resolve(name)))));
      List<Future<?>> state = new ArrayList<>();
      publication
          .state()
          .forEach(
              (name, table) ->
                  state.add(jobs.submit(() -> CarriedState.write(dir, name, table, plan))));
      written = await(marts, progress);
      for (Future<?> f : state) {
        await(f);
      }
    } finally {
      jobs.shutdownNow();
    }
    CarriedState.writeFingerprint(dir, fingerprint);
    long withUnknownColumns = drops.stream().filter(d -> !d.unknownColumns().isEmpty()).count();
    long read = inputs.stream().mapToLong(i -> (Long) i.get("read")).sum();
    long rejected = inputs.stream().mapToLong(i -> (Long) i.get("rejected")).sum();
    Map<String, Long> statuses = new LinkedHashMap<>();
    try {
      writeReports(dir, progressRows, period, reference, statuses);
      Map<String, Object> manifest =
          manifest(runId, started, asOf, config, spark.version(), inputs, period, written, plan);
      manifest.put(
          "not_read",
          listing.skipped().stream()
              .map(s -> Map.<String, Object>of("path", s.path(), "reason", s.reason()))
              .toList());
      manifest.put("sources_without_data", withoutData);
      Files.writeString(dir.resolve("manifest.json"), Json.write(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run's output into " + dir, e);
    }
    CountyTable.write(dir, reference);
    if (withReport) {
      Report.Rendered report = Report.render(dir, config.period(), "zh", catalog, reference);
      progress.finish("report", report.charts().size() + " charts, index.html");
      if (report.fellBackToEnglish()) {
        progress.note(
            "No CJK font installed (apt-get install fonts-wqy-microhei): the report is in English.");
      }
    }
    return new Computed(
        asOf,
        files.size(),
        read,
        rejected,
        (int) withUnknownColumns,
        written.rows(),
        statuses,
        plan);
  }

  /**
   * indicators.csv from the progress rows the run holds, and rejects.csv, data_quality.csv and
   * missing_reporters.csv from the marts just written, read on the driver.
   */
  private static void writeReports(
      java.nio.file.Path dir,
      List<Row> progress,
      String period,
      ReferenceData reference,
      Map<String, Long> statuses)
      throws IOException {
    java.nio.file.Path reports = dir.resolve("reports");
    java.nio.file.Path marts = dir.resolve("marts");
    Files.createDirectories(reports);
    writeIndicators(reports.resolve("indicators.csv"), progress, period, reference, statuses);
    writeMartCsv(
        reports.resolve("rejects.csv"),
        marts.resolve("quarantine"),
        REJECT_COLUMNS,
        List.of("source", "file", "line", "reason"));
    List<String> quality =
        List.of(
            "source",
            "county_code",
            "files",
            "rows_read",
            "rows_accepted",
            "rows_rejected",
            "warnings",
            "missing_reporters",
            "latest_received");
    writeMartCsv(
        reports.resolve("data_quality.csv"), marts.resolve("data_quality"), quality, quality);
    List<String> missing =
        List.of("source", "county_code", "credit_code", "enterprise_name", "last_reported_period");
    writeMartCsv(
        reports.resolve("missing_reporters.csv"),
        marts.resolve("missing_reporters"),
        missing,
        missing);
  }

  /** Row counts and content hashes of the marts written to scratch. */
  private record Written(Map<String, Long> rows, Map<String, String> hashes) {}

  /** Spark jobs a run keeps in flight at once: enough to overlap planning with execution. */
  private static final int CONCURRENT_JOBS = 3;

  /** The written marts' row counts and content hashes, in the order of {@code marts}. */
  private static Written await(
      Map<String, Future<ContentHash.Measured>> marts, ProgressLine progress) {
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Map.Entry<String, Future<ContentHash.Measured>> e : marts.entrySet()) {
      ContentHash.Measured written = await(e.getValue());
      rows.put(e.getKey(), written.rows());
      hashes.put(e.getKey(), written.hash());
      progress.update("writing marts", rows.size(), marts.size());
    }
    progress.finish("writing marts", rows.size() + " marts");
    return new Written(rows, hashes);
  }

  /** The task's result; its failure is thrown as it was thrown. */
  private static <T> T await(Future<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while computing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  /** The run manifest: identity, versions, configuration, inputs and outputs. */
  private static Map<String, Object> manifest(
      String runId,
      Instant started,
      String asOf,
      RunConfig config,
      String sparkVersion,
      List<Map<String, Object>> inputs,
      String period,
      Written written,
      CarriedState.Plan plan) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("run_id", runId);
    manifest.put("period", period);
    manifest.put("as_of", asOf);
    manifest.put("as_of_given", config.asOf() != null);
    manifest.put("started_at", started.toString());
    manifest.put(
        "finished_at", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
    manifest.put("code_version", Versions.code());
    manifest.put("spark_version", sparkVersion);
    manifest.put("java_version", System.getProperty("java.version"));
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("data_root", config.dataRoot());
    conf.put("warehouse", config.warehouse());
    conf.put("master", config.spark().master());
    conf.put("shuffle_partitions", config.spark().shufflePartitions());
    manifest.put("config", conf);
    manifest.put("computation", plan.toJson());
    manifest.put("inputs", inputs);
    List<Map<String, Object>> outputs = new ArrayList<>();
    written
        .rows()
        .forEach(
            (name, rows) -> {
              Map<String, Object> o = new LinkedHashMap<>();
              o.put("mart", name);
              o.put("path", "marts/" + name + "/period=" + period);
              o.put("rows", rows);
              o.put("content_hash", written.hashes().get(name));
              outputs.add(o);
            });
    manifest.put("outputs", outputs);
    return manifest;
  }

  /** Fails, before anything is written, when a source rejects more than the limit. */
  public static void checkRejectionLimit(List<Map<String, Object>> inputs, double limit) {
    Map<String, long[]> bySource = new java.util.TreeMap<>();
    for (Map<String, Object> i : inputs) {
      long[] c = bySource.computeIfAbsent((String) i.get("source"), k -> new long[2]);
      c[0] += (Long) i.get("read");
      c[1] += (Long) i.get("rejected");
    }
    bySource.forEach(
        (source, c) -> {
          if (c[0] > 0 && c[1] > limit * c[0]) {
            throw new RejectionLimitExceeded(
                String.format(
                    java.util.Locale.ROOT,
                    "%s: %.1f%% of %d rows rejected (limit %.1f%%); nothing published,"
                        + " see ./green validate",
                    source,
                    100.0 * c[1] / c[0],
                    c[0],
                    100 * limit));
          }
        });
  }

  /** A source rejected more rows than the configured limit allows. */
  public static final class RejectionLimitExceeded extends IllegalArgumentException {
    RejectionLimitExceeded(String message) {
      super(message);
    }
  }

  private static String asOfText(RunConfig config) {
    return config.asOf() == null ? "" : " received on or before " + config.asOf();
  }

  private static String[] rest(String[] columns) {
    return java.util.Arrays.copyOfRange(columns, 1, columns.length);
  }

  /**
   * Per input file: SHA-256, bytes, and rows read, accepted and rejected, counted independently;
   * fails when read != accepted + rejected for any file, or read differs from the data records the
   * file holds (a row or a file was lost or doubled). Files this run did not flag keep the counts
   * of the carried run's manifest, {@code carriedInputs}.
   */
  private static List<Map<String, Object>> inputs(
      List<DropStore.Drop> drops,
      MonthlyJob.Staging staging,
      Map<String, Map<String, Object>> carriedInputs) {
    // One Spark job: rows read, accepted and rejected per file, each counted from its own frame.
    Dataset<Row> tally =
        perFile(staging.rejects(), 2)
            .unionByName(perFile(staging.parsed(), 0))
            .unionByName(perFile(staging.flagged().filter(col("reject_reason").isNull()), 1));
    Map<String, long[]> counts = new HashMap<>();
    for (Row r : tally.collectAsList()) {
      counts.computeIfAbsent(r.getString(0), k -> new long[3])[r.getInt(1)] = r.getLong(2);
    }
    counts.forEach(
        (file, c) -> {
          if (c[0] != c[1] + c[2]) {
            throw new IllegalStateException(
                file + ": read " + c[0] + " rows but accepted " + c[1] + " + rejected " + c[2]);
          }
        });
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (DropStore.Drop d : drops) {
      SourceFile f = d.file();
      long[] c = counts.getOrDefault(f.relativePath(), new long[3]);
      Map<String, Object> carried = carriedInputs.get(f.relativePath());
      if (carried == null && c[0] != d.rows()) {
        throw new IllegalStateException(
            f.relativePath()
                + ": the run read "
                + c[0]
                + " rows but the file holds "
                + d.rows()
                + " data records");
      }
      if (carried != null) {
        c =
            new long[] {
              ((Number) carried.get("read")).longValue(),
              ((Number) carried.get("accepted")).longValue(),
              ((Number) carried.get("rejected")).longValue()
            };
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", f.relativePath());
      m.put("source", f.source());
      m.put("received", f.received().toString());
      m.put("sha256", d.sha256());
      m.put("bytes", d.bytes());
      m.put("read", c[0]);
      m.put("accepted", c[1]);
      m.put("rejected", c[2]);
      m.put("unknown_columns", d.unknownColumns());
      inputs.add(m);
    }
    return inputs;
  }

  /** Rows per file of {@code rows}, tagged with which count ({@code slot}) they are. */
  private static Dataset<Row> perFile(Dataset<Row> rows, int slot) {
    return rows.groupBy("file")
        .agg(count(lit(1)).as("rows"))
        .select(col("file"), lit(slot).as("slot"), col("rows"));
  }

  private static void writeIndicators(
      java.nio.file.Path target,
      List<Row> progress,
      String period,
      ReferenceData reference,
      Map<String, Long> statuses)
      throws IOException {
    List<String> scopeOrder = Scopes.all(reference);
    List<Row> sorted = new ArrayList<>(progress);
    sorted.sort(
        Comparator.comparingInt((Row r) -> r.<Integer>getAs("display_order"))
            .thenComparingInt(r -> scopeOrder.indexOf(r.<String>getAs("scope"))));
    try (OutputStream out = Files.newOutputStream(target);
        ExcelCsv csv = new ExcelCsv(out, INDICATOR_COLUMNS)) {
      for (Row r : sorted) {
        String status = r.getAs("status");
        statuses.merge(status, 1L, Long::sum);
        csv.row(
            List.of(
                r.<String>getAs("indicator_id"),
                r.<String>getAs("scope"),
                period,
                Decimals.plain(r.getAs("value")),
                r.<String>getAs("unit"),
                Decimals.plain(r.getAs("target")),
                Decimals.plain(r.getAs("baseline")),
                Decimals.plain(r.getAs("expected")),
                status,
                Decimals.plain(r.getAs("projected_2025"))));
      }
    }
  }

  /**
   * A published mart as an Excel-safe CSV with {@code columns}, sorted by {@code order} as Spark
   * sorts (nulls first, text by its UTF-8 bytes).
   */
  private static void writeMartCsv(
      java.nio.file.Path target, java.nio.file.Path mart, List<String> columns, List<String> order)
      throws IOException {
    ParquetRows.Table table = ParquetRows.read(mart);
    List<String> names = List.of(table.schema().fieldNames());
    List<Row> rows = new ArrayList<>(table.rows());
    Comparator<Row> byOrder = (a, b) -> 0;
    for (String column : order) {
      int i = names.indexOf(column);
      byOrder = byOrder.thenComparing((Row r) -> (Comparable) r.get(i), SPARK_ORDER);
    }
    rows.sort(byOrder);
    try (OutputStream out = Files.newOutputStream(target);
        ExcelCsv csv = new ExcelCsv(out, columns)) {
      for (Row r : rows) {
        List<Object> cells = new ArrayList<>();
        for (String column : columns) {
          cells.add(r.get(names.indexOf(column)));
        }
        csv.row(cells);
      }
    }
  }

  /** Spark SQL's ascending order: nulls first, strings by their UTF-8 bytes. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final Comparator<Comparable> SPARK_ORDER =
      Comparator.nullsFirst(
          (a, b) ->
              a instanceof String x && b instanceof String y
                  ? java.util.Arrays.compareUnsigned(
                      x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8))
                  : a.compareTo(b));
}
