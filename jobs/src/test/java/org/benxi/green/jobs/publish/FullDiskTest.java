package org.benxi.green.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.RunSummary;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.cli.Green;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.generate.SampleGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse on a real, small tmpfs that fills up during a republication: the run fails with the
 * disk's own message, and readers keep the whole earlier publication. Needs root for mount(8).
 */
class FullDiskTest extends SparkTestBase {
  private static final YearMonth PERIOD = YearMonth.of(2020, 6);
  @TempDir static Path dir;
  static Path disk;

  @BeforeAll
  static void mountASmallDisk() throws Exception {
    disk = Files.createTempDirectory("green-full-disk");
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", disk.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(mount.getInputStream().readAllBytes());
    mount.waitFor(30, TimeUnit.SECONDS);
    Assumptions.assumeTrue(mount.exitValue() == 0, "cannot mount a tmpfs here: " + out);
  }

  @AfterAll
  static void unmount() throws Exception {
    new ProcessBuilder("umount", "--lazy", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
    Files.deleteIfExists(disk); // empty once unmounted
  }

  @Test
  void aFullDiskFailsTheRunAndLeavesTheEarlierPublicationWhole() throws Exception {
    Path data = dir.resolve("data");
    new SampleGenerator(
            new GeneratorConfig(data, 40, YearMonth.of(2020, 4), PERIOD, 9L), ProgressLine.silent())
        .generate();
    Path warehouse = disk.resolve("warehouse");
    RunConfig config =
        new RunConfig(data.toString(), warehouse.toString(), PERIOD, null, SETTINGS, 0.2);
    RunSummary first = MonthlyRun.run(spark(), config, ProgressLine.silent());
    Path indicators = warehouse.resolve("reports/2020-06/indicators.csv");
    byte[] published = Files.readAllBytes(indicators);
    long used =
        Files.getFileStore(disk).getTotalSpace() - Files.getFileStore(disk).getUsableSpace();
    fill(disk.resolve("filler"), Files.getFileStore(disk).getUsableSpace() - used / 2);

    Exception failure =
        assertThrows(Exception.class, () -> MonthlyRun.run(spark(), config, ProgressLine.silent()));
    assertTrue(Green.oneLine(failure).contains("No space left on device"), Green.oneLine(failure));

    assertArrayEquals(published, Files.readAllBytes(indicators));
    Publications publications = new Publications(warehouse);
    assertEquals(first.runId(), publications.currentRunId("2020-06").orElseThrow());
    assertEquals(
        List.of(first.runId()),
        publications.history("2020-06").stream().map(Publications.Publication::runId).toList());
    assertEquals(
        first.martRows().get("indicator_progress"),
        spark()
            .read()
            .parquet(warehouse.resolve("marts/indicator_progress").toString())
            .filter("period = '2020-06'")
            .count());
    assertFalse(Files.exists(warehouse.resolve(".scratch")), "the failed run removed its staging");
  }

  private static void fill(Path file, long bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      for (long written = 0; written < bytes; written += block.length) {
        out.write(block, 0, (int) Math.min(block.length, bytes - written));
      }
    }
  }
}
