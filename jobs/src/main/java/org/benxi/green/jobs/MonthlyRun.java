package org.benxi.green.jobs;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.charts.CountyTable;
import org.benxi.green.charts.Report;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.indicators.IndicatorKinds;
import org.benxi.green.jobs.ingest.DropScanner;
import org.benxi.green.jobs.ingest.DropStore;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.publish.CsvReports;
import org.benxi.green.jobs.publish.FrontPage;
import org.benxi.green.jobs.publish.Manifest;
import org.benxi.green.jobs.publish.MartWriter;
import org.benxi.green.jobs.publish.PointerPublications;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.publish.WarehouseLock;
import org.benxi.green.jobs.publish.WarehouseRoot;
import org.benxi.green.jobs.sources.SourceSpecs;

/**
 * The I/O shell of {@link MonthlyJob} (datasets/contract/cli.md, {@code green run}): lists and
 * ingests the drops, plans, stages, writes marts, reports and manifest into a staging folder, then
 * publishes it.
 */
public final class MonthlyRun {
  private MonthlyRun() {}

  /** Runs and publishes one period, carrying the previous month's state when it can. */
  public static RunSummary run(SparkSession spark, RunConfig config, ProgressLine progress) {
    return run(spark, config, null, progress);
  }

  /**
   * Runs and publishes one period under the warehouse lock: clears what dead runs left, computes
   * into a staging folder, then switches the period to it in one step. On a warehouse on HDFS or S3
   * Spark reads and writes the warehouse itself (its drop store, the carried state, and the marts
   * and state of the run's own publication folder, invisible until committed); the driver plans
   * against its local copy, writes reports there beside a copy of the marts, uploads them and
   * commits by the pointer ({@link PointerPublications}) before the copy publishes it too. A
   * non-null {@code fullRebuildReason} forbids carrying state.
   */
  public static RunSummary run(
      SparkSession spark, RunConfig config, String fullRebuildReason, ProgressLine progress) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String period = config.period().toString();
    String runId = runId(started, period);
    Path local = config.warehousePath();
    Publications publications = new Publications(local);
    WarehouseRoot.mark(local);
    try (WarehouseLock lock = WarehouseLock.acquire(local, runId)) {
      List<String> cleared = new ArrayList<>();
      if (lock.staleHolder() != null) {
        cleared.add("stale lock of " + lock.staleHolder());
      }
      cleared.addAll(publications.clearAbandoned());
      PointerPublications remote = null;
      int version = 0;
      if (config.remoteWarehouse()) {
        remote =
            new PointerPublications(config.warehouse(), spark.sparkContext().hadoopConfiguration());
        cleared.addAll(remote.clearAbandoned(started, PointerPublications.ABANDONED_AFTER));
        remote.copyInto(local, List.of(config.period().minusMonths(1).toString(), period));
        version = remote.current(period).map(PointerPublications.Pointer::version).orElse(0) + 1;
      }
      Path staging = publications.stagingDir(runId);
      try {
        ComputedPeriod c =
            compute(
                spark,
                config,
                runId,
                started,
                staging,
                remote != null ? remote.publicationDir(period, runId) : config.sparkPath(staging),
                config.sparkPath(local.resolve("ingest")),
                true,
                fullRebuildReason,
                null,
                progress);
        Publications.Publication publication =
            new Publications.Publication(
                runId, period, c.manifest().asOf(), publications.currentRunId(period).orElse(null));
        if (remote != null) {
          remote.publish(publication, staging, version, Publications.Checkpoint.NONE);
        }
        publications.publish(publication, staging, Publications.Checkpoint.NONE);
        FrontPage.write(
            local, IndicatorKinds.catalog(), ReferenceData.load(config.localDataRoot()));
        if (remote == null) {
          String reports = local.resolve("reports").resolve(period).toString();
          return new RunSummary(runId, reports, "runs/" + runId + "/manifest.json", c, cleared);
        }
        String published = remote.publicationDir(period, runId).toString();
        return new RunSummary(
            runId, published + "/reports", published + "/manifest.json", c, cleared);
      } catch (Exception e) { // Spark's SparkException is checked but thrown undeclared
        Publications.discard(staging);
        throw e;
      }
    }
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
   * Computes the period from the drops received up to the as-of date into {@code dir}: marts, CSV
   * reports, manifest and, when asked, the chart report. Spark writes the marts and state into
   * {@code sparkDir}, which, when it is not {@code dir} itself, the driver then copies into {@code
   * dir}. Drops are parsed once into the {@link DropStore} under {@code ingestRoot}. A non-null
   * {@code fullRebuildReason} forbids carrying state; otherwise it is carried from {@code
   * carryFrom} when given, else from the warehouse's publication of the month before, where the
   * plan allows. Publishes nothing; {@code run} and {@code audit} share it.
   */
  public static ComputedPeriod compute(
      SparkSession spark,
      RunConfig config,
      String runId,
      Instant started,
      Path dir,
      org.apache.hadoop.fs.Path sparkDir,
      org.apache.hadoop.fs.Path ingestRoot,
      boolean withReport,
      String fullRebuildReason,
      CarriedState.Base carryFrom,
      ProgressLine progress) {
    Preload.inBackground();
    Map<String, SourceSchema> schemas = SourceSchema.shipped();
    SourceSpecs.check(schemas);
    ReferenceData reference = ReferenceData.load(config.localDataRoot());
    IndicatorCatalog catalog = IndicatorKinds.catalog();
    catalog.check(reference.countyTargets());
    try {
      DropScanner.Listing listing =
          DropScanner.scan(
              config.dataRoot(),
              config.asOf(),
              schemas.keySet(),
              spark.sparkContext().hadoopConfiguration());
      listing.skipped().forEach(s -> progress.note("warning: " + s.describe()));
      if (listing.files().isEmpty()) {
        throw new IllegalArgumentException(
            config.dataRoot() + "/raw: no drop files" + asOf(config));
      }
      spark.sparkContext().setJobDescription("green run " + config.period());
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      DropStore store = new DropStore(ingestRoot, hadoop, schemas, reference);
      DropStore.Ingested ingested = store.ingest(spark, listing.files(), progress);
      ingested.notices().forEach(n -> progress.note("notice: " + n));
      List<DropStore.Drop> drops = ingested.drops();
      config.spark().tuneFor(spark, rows(drops));
      List<String> withoutData = PeriodCoverage.check(drops, schemas, config.period());
      withoutData.forEach(
          s ->
              progress.note("warning: " + s + " has no row for " + config.period() + asOf(config)));

      String fingerprint = CarriedState.fingerprint(store, catalog);
      CarriedState.Plan plan =
          fullRebuildReason != null
              ? CarriedState.Plan.full(fullRebuildReason)
              : carryFrom != null
                  ? CarriedState.plan(carryFrom, config.period(), drops, fingerprint)
                  : CarriedState.plan(config, drops, fingerprint);
      List<DropStore.Drop> read =
          plan.incremental() ? CarriedState.stagedDrops(drops, plan) : drops;
      Set<DropStore.Drop> staged = new LinkedHashSet<>(read);
      staged.addAll(plan.newDrops());
      config.spark().compileFor(spark, rows(staged));
      MonthlyJob.Carried carried = plan.incremental() ? CarriedState.read(spark, plan) : null;
      MonthlyJob.Staging staging =
          carried == null
              ? MonthlyJob.stage(store.parsed(spark, drops), schemas, progress)
              : MonthlyJob.stageIncrementally(
                  CarriedState.stagingRows(spark, store, read, plan),
                  plan.newFiles(),
                  carried,
                  schemas,
                  progress);
      MonthlyJob.Publication publication =
          MonthlyJob.publication(
              spark, staging, reference, catalog, config.period(), carried, progress);
      // The indicators, the per-file tally with its reject limit, and the state start first; the
      // marts are written alongside them, and nothing is published when the limit fails.
      Lazy<List<Manifest.Input>> inputs =
          Lazy.of(
              () -> {
                List<Manifest.Input> counted =
                    FileTally.inputs(
                        drops, staging, publication.rowsRead().get(), plan.baseInputs());
                FileTally.checkRejectionLimit(counted, config.maxRejectRate());
                return counted;
              });
      List<Runnable> first = new ArrayList<>();
      first.add(publication.progress()::get);
      first.add(inputs::get);
      publication
          .state()
          .forEach(
              (name, table) ->
                  first.add(
                      () ->
                          CarriedState.write(
                              sparkDir, hadoop, name, table, plan, config.period())));
      String period = config.period().toString();
      List<Manifest.Output> outputs =
          MartWriter.writeAll(
              new org.apache.hadoop.fs.Path(sparkDir, "marts"),
              period,
              publication.marts(),
              first,
              progress);
      releaseKept(spark);
      copyToLocal(sparkDir, dir, hadoop);
      CarriedState.writeFingerprint(dir, fingerprint);
      Map<String, Long> statuses =
          CsvReports.write(dir, publication.progress().get(), period, reference);
      Manifest manifest =
          new Manifest(
              runId,
              period,
              config.asOf() != null ? config.asOf().toString() : latestReceived(listing.files()),
              config.asOf() != null,
              started.toString(),
              Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
              Versions.code(),
              spark.version(),
              System.getProperty("java.version"),
              Manifest.Config.of(config, spark),
              plan.computation(),
              inputs.get(),
              outputs,
              listing.skipped().stream()
                  .map(s -> new Manifest.NotRead(s.path(), s.reason()))
                  .toList(),
              withoutData);
      manifest.write(dir.resolve("manifest.json"));
      CountyTable.write(dir, reference);
      if (withReport) {
        Report.Rendered report = Report.render(dir, config.period(), "zh", catalog, reference);
        progress.finish("report", report.charts().size() + " charts, index.html");
        if (report.fellBackToEnglish()) {
          progress.note(
              "No CJK font installed (apt-get install fonts-wqy-microhei): the report is in"
                  + " English.");
        }
      }
      return new ComputedPeriod(
          manifest, statuses, ComputedPeriod.finalStatuses(publication.progress().get()), plan);
    } finally {
      releaseKept(spark);
    }
  }

  /**
   * Drops every frame the run kept and waits until their blocks are gone. Spark's own {@code
   * clearCache} removes them in the background; a national run's blocks were still being deleted
   * when the session stopped, and the removals' callbacks then printed stack traces.
   */
  private static void releaseKept(SparkSession spark) {
    List<JavaRDD<?>> kept =
        List.copyOf(
            JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().values());
    kept.forEach(rdd -> rdd.unpersist(true));
    spark.catalog().clearCache();
  }

  /**
   * Copies the marts and state Spark wrote into {@code sparkDir} to {@code dir}, unless the same.
   */
  private static void copyToLocal(
      org.apache.hadoop.fs.Path sparkDir, Path dir, Configuration conf) {
    org.apache.hadoop.fs.Path local =
        new org.apache.hadoop.fs.Path("file", null, dir.toAbsolutePath().normalize().toString());
    if (sparkDir.equals(local)) {
      return;
    }
    try {
      FileSystem fs = sparkDir.getFileSystem(conf);
      for (String sub : List.of("marts", CarriedState.DIR)) {
        java.nio.file.Files.createDirectories(dir);
        fs.copyToLocalFile(
            false,
            new org.apache.hadoop.fs.Path(sparkDir, sub),
            new org.apache.hadoop.fs.Path(local, sub),
            true);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot copy " + sparkDir + " to " + dir, e);
    }
  }

  private static String latestReceived(List<SourceFile> files) {
    return files.stream()
        .map(SourceFile::received)
        .max(Comparator.naturalOrder())
        .orElseThrow()
        .toString();
  }

  private static long rows(Collection<DropStore.Drop> drops) {
    return drops.stream().mapToLong(DropStore.Drop::rows).sum();
  }

  private static String asOf(RunConfig config) {
    return config.asOf() == null ? "" : " received on or before " + config.asOf();
  }
}
