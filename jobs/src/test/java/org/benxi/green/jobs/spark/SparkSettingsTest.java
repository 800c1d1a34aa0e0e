package org.benxi.green.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.InvalidArgument;
import org.benxi.green.jobs.SparkTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shuffle width a run gets from its input size, code generation from the rows it stages, and
 * the widths the settings refuse.
 */
class SparkSettingsTest extends SparkTestBase {
  private static final String WIDTH = "spark.sql.shuffle.partitions";
  private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  private static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

  /** What the settings change on the shared session, put back after each test. */
  private static final List<String> TUNED =
      List.of(WIDTH, "spark.sql.autoBroadcastJoinThreshold", WHOLE_STAGE, FACTORY_MODE);

  private final Map<String, String> before = new LinkedHashMap<>();

  @BeforeEach
  void remember() {
    TUNED.forEach(key -> before.put(key, spark().conf().get(key)));
  }

  @AfterEach
  void restore() {
    before.forEach(spark().conf()::set);
  }

  @Test
  void byInputSizeShufflesIntoOneBelowAMillionRowsAndOnePerCoreFromIt() {
    SparkSession spark = spark();
    SETTINGS.tuneFor(spark, SparkSettings.ONE_SHUFFLE_PARTITION_BELOW_ROWS - 1);
    assertEquals("1", spark.conf().get(WIDTH));
    SETTINGS.tuneFor(spark, SparkSettings.ONE_SHUFFLE_PARTITION_BELOW_ROWS);
    assertEquals("2", spark.conf().get(WIDTH), "local[2]: one per core, at least 2");
  }

  @Test
  void plansAreCompiledFromTheStagedRowsThreshold() {
    SparkSession spark = spark();
    SETTINGS.compileFor(spark, SparkSettings.COMPILED_FROM_STAGED_ROWS);
    assertEquals("true", spark.conf().get(WHOLE_STAGE));
    assertEquals("FALLBACK", spark.conf().get(FACTORY_MODE));
    SETTINGS.compileFor(spark, SparkSettings.COMPILED_FROM_STAGED_ROWS - 1);
    assertEquals("false", spark.conf().get(WHOLE_STAGE));
    assertEquals("NO_CODEGEN", spark.conf().get(FACTORY_MODE));
  }

  @Test
  void aWidthGivenIsKeptWhateverTheInput() {
    SparkSession spark = spark();
    spark.conf().set(WIDTH, "7");
    new SparkSettings("local[2]", 7).tuneFor(spark, 10);
    assertEquals("7", spark.conf().get(WIDTH));
  }

  @Test
  void aNegativeWidthIsRefused() {
    InvalidArgument e =
        assertThrows(InvalidArgument.class, () -> new SparkSettings("local[2]", -1));
    assertEquals("--shuffle-partitions must be 1 or more, got -1", e.getMessage());
  }
}
