package org.benxi.green.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.InvalidArgument;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.RunSummary;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.audit.Audit;
import org.benxi.green.jobs.audit.History;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.generate.SampleGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monthly runs publish into a warehouse on a real HDFS (in-process mini cluster): each commits a
 * pointer; June, run on a machine with no local copy, carries May's state from HDFS; Spark reads
 * and writes nothing but the raw drops outside HDFS (a cluster's executors never see the driver's
 * local copy); and an auditor's fresh copy audits identical and shows the history.
 */
class HdfsWarehouseTest extends SparkTestBase {
  private static final YearMonth MAY = YearMonth.of(2020, 5);
  private static final YearMonth JUNE = YearMonth.of(2020, 6);

  @TempDir static Path dir;
  static Path data;
  static String warehouse;
  static RunSummary may;
  static RunSummary june;
  static SparkFilePaths runPaths;

  @BeforeAll
  static void publishMayThenJuneFromAnotherMachine() {
    data = dir.resolve("data");
    new SampleGenerator(
            new GeneratorConfig(data, 40, YearMonth.of(2020, 4), JUNE, 5L), ProgressLine.silent())
        .generate();
    warehouse = MiniHdfs.uri() + "/green/warehouse";
    runPaths = SparkFilePaths.record(spark());
    useCache("first-machine");
    may = MonthlyRun.run(spark(), config(MAY), ProgressLine.silent());
    useCache("second-machine");
    june = MonthlyRun.run(spark(), config(JUNE), ProgressLine.silent());
    runPaths.stop();
  }

  @AfterAll
  static void forgetTheCache() {
    System.clearProperty("green.cache");
  }

  /** Points the local copies at a cache of their own, as on another machine. */
  private static void useCache(String name) {
    System.setProperty("green.cache", dir.resolve(name).toString());
  }

  private static RunConfig config(YearMonth period) {
    return new RunConfig(data.toString(), warehouse, period, null, SETTINGS, 0.2);
  }

  @Test
  void eachRunCommitsTheNextVersionOfItsPeriod() throws IOException {
    PointerPublications hdfs = new PointerPublications(warehouse, new Configuration());
    assertEquals(List.of("2020-05", "2020-06"), hdfs.periods());
    assertEquals(1, hdfs.current("2020-05").orElseThrow().version());
    PointerPublications.Pointer pointer = hdfs.current("2020-06").orElseThrow();
    assertEquals(1, pointer.version());
    assertEquals(june.runId(), pointer.publication().runId());
    assertEquals(may.runId(), hdfs.current("2020-05").orElseThrow().publication().runId());
    assertEquals(
        warehouse + "/publications/2020-06/" + june.runId() + "/reports", june.publication());
    FileSystem fs = new org.apache.hadoop.fs.Path(warehouse).getFileSystem(new Configuration());
    org.apache.hadoop.fs.Path published = hdfs.publicationDir("2020-06", june.runId());
    for (String file :
        List.of(
            "manifest.json", "state/state.json", "reports/indicators.csv", "reports/index.html")) {
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(published, file)), file);
    }
    var parts = fs.listStatus(new org.apache.hadoop.fs.Path(published, "marts/indicator_progress"));
    assertEquals(1, parts.length, "one part file, no checksum files: " + List.of(parts));
    assertTrue(parts[0].getPath().getName().matches("part-00000-.*\\.parquet"));
  }

  @Test
  void sparkReadsAndWritesTheWarehouseOnHdfsNeverTheDriversLocalCopy() throws IOException {
    String published = warehouse + "/publications/";
    assertEquals(
        List.of(),
        outsideHdfs(runPaths.reads(), runPaths.writes()),
        "every path but the raw drops is on HDFS");
    FileSystem fs = new org.apache.hadoop.fs.Path(warehouse).getFileSystem(new Configuration());
    var stored =
        fs.globStatus(new org.apache.hadoop.fs.Path(warehouse, "ingest/parser-*/src=*/*/*"));
    assertTrue(
        java.util.Arrays.stream(stored)
            .anyMatch(f -> f.getPath().getName().equals("part-00000.snappy.parquet")),
        "the parse tasks write the drop store on HDFS: " + List.of(stored));
    assertTrue(
        runPaths.reads().stream().anyMatch(p -> p.startsWith(warehouse + "/ingest/parser-")),
        "the run reads the drop store from HDFS: " + runPaths.reads());
    assertTrue(
        runPaths
            .writes()
            .contains(published + "2020-06/" + june.runId() + "/marts/indicator_progress"),
        "June's marts are written into its publication folder: " + runPaths.writes());
    assertTrue(
        runPaths.reads().contains(published + "2020-05/" + may.runId() + "/state/last_reported"),
        "June carries May's state from HDFS: " + runPaths.reads());
  }

  /** The paths that are neither on the warehouse's HDFS nor raw drops of the data root. */
  private static List<String> outsideHdfs(List<String> reads, List<String> writes) {
    String raw = "file:" + data.toAbsolutePath() + "/raw/";
    return java.util.stream.Stream.concat(reads.stream(), writes.stream())
        .filter(p -> !p.startsWith(MiniHdfs.uri() + "/") && !p.startsWith(raw))
        .distinct()
        .toList();
  }

  @Test
  void aRunCarriesTheMonthBeforeFromHdfsWithoutALocalCopy() {
    assertEquals("Full rebuild: 2020-04 has no publication to carry state from", describe(may));
    String carried = "Incremental: carried run " + may.runId() + "; 0 new drop files; ";
    assertTrue(describe(june).startsWith(carried), describe(june));
  }

  @Test
  void aFreshCopyAuditsIdenticalAndShowsTheHistory() throws IOException {
    useCache("auditor");
    Path copy = Warehouses.readable(warehouse, new Configuration(), List.of("2020-05", "2020-06"));
    assertEquals(dir.resolve("auditor/warehouses").toAbsolutePath(), copy.getParent());
    assertTrue(copy.getFileName().toString().startsWith("hdfs_localhost_"), copy.toString());
    SparkFilePaths auditPaths = SparkFilePaths.record(spark());
    Audit.Result audit = Audit.run(spark(), config(JUNE), ProgressLine.silent());
    auditPaths.stop();
    assertEquals(List.of(), outsideHdfs(auditPaths.reads(), auditPaths.writes()));
    assertTrue(
        auditPaths.writes().stream().anyMatch(p -> p.startsWith(warehouse + "/.audit/audit-")),
        "the audit recomputes into scratch space on HDFS: " + auditPaths.writes());
    FileSystem fs = new org.apache.hadoop.fs.Path(warehouse).getFileSystem(new Configuration());
    assertFalse(
        fs.exists(new org.apache.hadoop.fs.Path(warehouse, ".audit")),
        "the audit removes its scratch space from HDFS");
    assertTrue(
        audit.identical(),
        () ->
            String.join(
                "\n", Audit.describe(audit, IndicatorCatalog.shipped(), ReferenceData.load(data))));
    assertEquals(june.runId(), audit.publication().runId());
    assertEquals(
        List.of(june.runId()),
        History.of(copy, "2020-06").stream().map(e -> e.publication().runId()).toList());
    assertEquals(
        Files.readString(copy.resolve("reports/2020-06/indicators.csv")),
        Files.readString(
            dir.resolve("second-machine")
                .resolve("warehouses")
                .resolve(copy.getFileName())
                .resolve("reports/2020-06/indicators.csv")),
        "the auditor's copy shows what the publishing machine published");
  }

  @Test
  void aWarehouseWithoutAnAtomicCreateIsRefusedWithTheReason() {
    InvalidArgument refused =
        assertThrows(
            InvalidArgument.class,
            () ->
                new RunConfig(
                    data.toString(),
                    "abfs://green@account.dfs.core.windows.net/warehouse",
                    JUNE,
                    LocalDate.of(2020, 7, 20),
                    SETTINGS,
                    0.2));
    assertEquals(
        "--warehouse abfs://green@account.dfs.core.windows.net/warehouse: abfs:// is not supported"
            + " as a warehouse; use a POSIX folder, hdfs:// or s3a:// (the commit needs an atomic"
            + " create-if-absent of its pointer; README, Warehouse on HDFS or S3)",
        refused.getMessage());
  }

  private static String describe(RunSummary run) {
    return run.computed().plan().describe();
  }
}
