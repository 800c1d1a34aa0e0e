package org.benxi.green.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
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
 * A warehouse on an S3-compatible server ({@link S3Server}) through {@code s3a://}: a monthly run
 * publishes there by a pointer (Spark reading and writing the bucket alone), an auditor's fresh
 * copy audits it identical and reads its history, and of two publishers on the same version the
 * second is refused. S3Proxy ignores {@code If-None-Match} on PUT, so what refuses it here is the
 * existence check before the conditional PUT; two creates in the same instant rely on S3's own
 * refusal, which no server here enforces.
 */
class S3WarehouseTest extends SparkTestBase {
  private static final YearMonth MAY = YearMonth.of(2020, 5);

  @TempDir static Path dir;
  static Path data;
  static String warehouse;
  static Configuration conf;
  static RunSummary may;
  static SparkFilePaths runPaths;

  @BeforeAll
  static void publishMayIntoS3() {
    data = dir.resolve("data");
    new SampleGenerator(
            new GeneratorConfig(data, 40, YearMonth.of(2020, 4), MAY, 7L), ProgressLine.silent())
        .generate();
    conf = S3Server.configure(spark().sparkContext().hadoopConfiguration());
    warehouse = S3Server.bucket() + "/run-" + System.nanoTime();
    useCache("publisher");
    runPaths = SparkFilePaths.record(spark());
    may = MonthlyRun.run(spark(), config(), ProgressLine.silent());
    runPaths.stop();
  }

  private static RunConfig config() {
    return new RunConfig(data.toString(), warehouse, MAY, null, SETTINGS, 0.2);
  }

  @AfterAll
  static void forgetTheCache() {
    System.clearProperty("green.cache");
  }

  private static void useCache(String name) {
    System.setProperty("green.cache", dir.resolve(name).toString());
  }

  @Test
  void aRunCommitsItsPointerOnS3AndAFreshCopyAuditsIdentical() throws IOException {
    PointerPublications s3 = new PointerPublications(warehouse, conf);
    PointerPublications.Pointer pointer = s3.current("2020-05").orElseThrow();
    assertEquals(1, pointer.version());
    assertEquals(may.runId(), pointer.publication().runId());
    assertEquals(
        warehouse + "/publications/2020-05/" + may.runId() + "/reports", may.publication());
    FileSystem fs = new org.apache.hadoop.fs.Path(warehouse).getFileSystem(conf);
    org.apache.hadoop.fs.Path published = s3.publicationDir("2020-05", may.runId());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(published, "state/state.json")));
    assertEquals(
        List.of(),
        java.util.stream.Stream.concat(runPaths.reads().stream(), runPaths.writes().stream())
            .filter(p -> !p.startsWith(warehouse + "/"))
            .distinct()
            .toList(),
        "Spark reads and writes nothing but the warehouse on S3");
    assertTrue(
        runPaths.writes().contains(published + "/marts/energy_sector_month"),
        "the marts are written into the publication folder: " + runPaths.writes());
    assertEquals(
        1,
        fs.listStatus(new org.apache.hadoop.fs.Path(published, "marts/energy_sector_month"))
            .length);

    useCache("auditor");
    Path copy = Warehouses.readable(warehouse, conf, List.of("2020-05"));
    Audit.Result audit = Audit.run(spark(), config(), ProgressLine.silent());
    assertTrue(
        audit.identical(),
        () ->
            String.join(
                "\n", Audit.describe(audit, IndicatorCatalog.shipped(), ReferenceData.load(data))));
    assertEquals(
        List.of(may.runId()),
        History.of(copy, "2020-05").stream().map(e -> e.publication().runId()).toList());
  }

  @Test
  void ofTwoPublishersOnTheSameVersionTheSecondIsRefused() throws IOException {
    String race = S3Server.bucket() + "/race-" + System.nanoTime();
    String period = HdfsCrashSafePublishingTest.PERIOD;
    HdfsCrashSafePublishingTest.publishInProcess(dir, race, "A", conf);
    PointerPublications s3 = new PointerPublications(race, conf);
    Path stagedB = staged("B");
    Path stagedC = staged("C");
    s3.publish(publication("B"), stagedB, 2, Publications.Checkpoint.NONE);
    PointerPublications.Superseded refused =
        assertThrows(
            PointerPublications.Superseded.class,
            () -> s3.publish(publication("C"), stagedC, 2, Publications.Checkpoint.NONE));
    assertEquals(
        period
            + " version 2 was published by run B while run C computed; nothing of C is visible"
            + " and its upload is removed; run again to publish on top of it",
        refused.getMessage());
    assertEquals("B", HdfsCrashSafePublishingTest.visible(race, conf));
    FileSystem fs = new org.apache.hadoop.fs.Path(race).getFileSystem(conf);
    assertFalse(fs.exists(s3.publicationDir(period, "C")));
    assertEquals(List.of(), s3.clearAbandoned(Instant.now(), Duration.ZERO));
    assertEquals(
        List.of("B", "A"), s3.history(period).stream().map(p -> p.publication().runId()).toList());
  }

  private static Publications.Publication publication(String runId) {
    return new Publications.Publication(
        runId, HdfsCrashSafePublishingTest.PERIOD, "2022-01-31", "A");
  }

  private static Path staged(String runId) throws IOException {
    Path staging = dir.resolve("staging-" + runId);
    PublishingProcess.copyTree(
        PublishingProcess.prepare(dir, runId, HdfsCrashSafePublishingTest.MARTS), staging);
    return staging;
  }
}
