package org.benxi.green.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectionLimitRunTest extends SparkTestBase {
  @Test
  void aRunOverTheLimitPublishesNothing(@TempDir Path warehouse) {
    RunConfig config =
        new RunConfig(
            Path.of("src", "test", "resources", "faults").toAbsolutePath().toString(),
            warehouse.toString(),
            YearMonth.of(2024, 1),
            null,
            SETTINGS,
            RunConfig.DEFAULT_MAX_REJECT_RATE);
    FileTally.RejectionLimitExceeded e =
        assertThrows(
            FileTally.RejectionLimitExceeded.class,
            () -> MonthlyRun.run(spark(), config, ProgressLine.silent()));
    assertTrue(e.getMessage().startsWith("economy: "), e.getMessage());
    assertTrue(e.getMessage().contains("nothing published"), e.getMessage());
    assertFalse(Files.exists(warehouse.resolve("marts")));
    assertFalse(Files.exists(warehouse.resolve("reports")));
  }

  @Test
  void aPeriodWithoutDataPublishesNothing(@TempDir Path warehouse) {
    RunConfig config =
        new RunConfig(
            Path.of("src", "test", "resources", "faults").toAbsolutePath().toString(),
            warehouse.toString(),
            YearMonth.of(1999, 1),
            null,
            SETTINGS,
            1.0);
    PeriodCoverage.NoData e =
        assertThrows(
            PeriodCoverage.NoData.class,
            () -> MonthlyRun.run(spark(), config, ProgressLine.silent()));
    assertEquals(
        "no data for 1999-01: energy, solid_waste, production_lines have no row for this period"
            + " (the drops hold 2024-01 to 2024-03); nothing published",
        e.getMessage());
    assertFalse(Files.exists(warehouse.resolve("current")));
  }
}
