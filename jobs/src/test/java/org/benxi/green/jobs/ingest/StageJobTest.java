package org.benxi.green.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.benxi.green.jobs.Fixtures.E1;
import static org.benxi.green.jobs.Fixtures.E2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.expressions.Window;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.Fixtures;
import org.benxi.green.jobs.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageJobTest extends SparkTestBase {
  @TempDir static Path dir;
  private static final ReferenceData REFERENCE = ReferenceData.shipped();
  private static final Map<String, SourceSchema> SCHEMAS = SourceSchema.shipped();
  private static final SourceSchema ENERGY = SCHEMAS.get("energy");
  private static final SourceSchema REGISTER = SCHEMAS.get("enterprises");

  /** One source's parsed rows of raw files given as text. */
  private static Dataset<Row> parse(SourceSchema schema, Map<String, String> files) {
    return StageJob.of(
        ParseJob.transformAll(Fixtures.files(spark(), dir, files), SCHEMAS, REFERENCE, Map.of()),
        schema);
  }

  private static final String UNKNOWN = "912105050000000093";

  @Test
  void aRejectedRowDoesNotMakeItsKeyTwinADuplicate() {
    String csv =
        "credit_code,name,county_code,industry_code,park_code,above_designated_size\n"
            + E1
            + ",甲,210502,3120,,Y\n"
            + E1
            + ",甲,210599,3120,,Y\n";
    Dataset<Row> parsed = parse(REGISTER, Map.of("raw/enterprises/received=2024-01-05/e.csv", csv));
    Dataset<Row> flagged = StageJob.flag(parsed, REGISTER, null);
    assertEquals(1, StageJob.latest(flagged, REGISTER).count());
    List<Row> rejects = StageJob.rejects(flagged, "enterprises").collectAsList();
    assertEquals(1, rejects.size());
    assertEquals("unknown_county", rejects.get(0).getAs("reason"));
    assertEquals(3, rejects.get(0).<Integer>getAs("line"));
  }

  private static final String ENERGY_HEADER = "credit_code,period,energy_code,quantity,unit\n";

  /**
   * January's energy drop: E1's coke (line 2), E1's lpg twice (lines 3 and 4, one key in one drop),
   * an unknown enterprise's coke (line 5) and E2's negative diesel (line 6).
   */
  private static final String JANUARY =
      ENERGY_HEADER
          + (E1 + ",2024-01,coke,10,t\n")
          + (E1 + ",2024-01,lpg,1,t\n")
          + (E1 + ",2024-01,lpg,2,t\n")
          + (UNKNOWN + ",2024-01,coke,5,t\n")
          + (E2 + ",2024-01,diesel,-1,t\n");

  @Test
  void latestDropWinsDuplicatesInOneDropAreBothRejectedAndUnknownEnterprisesToo() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("raw/energy/received=2024-02-10/energy_2024-01.csv", JANUARY);
    files.put(
        "raw/energy/received=2024-03-20/energy_2024-01_revision.csv",
        ENERGY_HEADER + E1 + ",2024-01,coke,12,t\n");
    Dataset<Row> parsed = parse(ENERGY, files);
    Dataset<Row> register = Fixtures.enterprises(spark(), REFERENCE);
    Dataset<Row> flagged = StageJob.flag(parsed, ENERGY, StageJob.knownEnterprises(register));

    List<Row> staged = StageJob.latest(flagged, ENERGY).collectAsList();
    assertEquals(1, staged.size());
    Row coke = staged.get(0);
    assertEquals("coke", coke.getAs("energy_code"));
    assertEquals(0, new BigDecimal("12").compareTo(coke.getAs("quantity")));
    assertEquals("raw/energy/received=2024-03-20/energy_2024-01_revision.csv", coke.getAs("file"));

    List<String> rejects =
        lines(StageJob.rejects(flagged, "energy"), "line", "reason", "column", "value");
    assertEquals(
        List.of(
            "3 duplicate_key credit_code|period|energy_code " + E1 + "|2024-01|lpg",
            "4 duplicate_key credit_code|period|energy_code " + E1 + "|2024-01|lpg",
            "5 unknown_enterprise credit_code " + UNKNOWN,
            "6 negative_value quantity -1"),
        rejects);
  }

  @Test
  void aFullRebuildFlagsAndRanksInOneSortWithTheSameOutcome() {
    // The newest drop revises E1's coke, repeats E2's coke (both copies rejected, so the older
    // drop's row stands) and sends a negative lpg for E1, whose lpg the older drop repeated.
    Map<String, String> files = new LinkedHashMap<>();
    files.put("raw/energy/received=2024-02-10/a.csv", JANUARY + E2 + ",2024-01,coke,7,t\n");
    files.put(
        "raw/energy/received=2024-03-20/b.csv",
        ENERGY_HEADER
            + (E1 + ",2024-01,coke,12,t\n")
            + (E2 + ",2024-01,coke,8,t\n")
            + (E2 + ",2024-01,coke,9,t\n")
            + (E1 + ",2024-01,lpg,-3,t\n"));
    atNationalSize(
        () -> {
          Dataset<Row> parsed = parse(ENERGY, files);
          Dataset<Row> known = StageJob.knownEnterprises(Fixtures.enterprises(spark(), REFERENCE));
          Dataset<Row> flagged = StageJob.flag(parsed, ENERGY, known);
          Dataset<Row> marked = StageJob.flagLatest(parsed, ENERGY, known);

          List<String> staged = lines(StageJob.latestOf(marked, ENERGY), STAGED);
          assertEquals(
              List.of(
                  "a.csv 7 " + E2 + " coke 7", // the newer drop repeated it
                  "b.csv 2 " + E1 + " coke 12"), // the revision
              staged);
          assertEquals(lines(StageJob.latest(flagged, ENERGY), STAGED), staged);
          List<String> rejects =
              lines(StageJob.rejects(marked, "energy"), "file", "line", "reason");
          assertEquals(
              List.of(
                  "a.csv 3 duplicate_key",
                  "a.csv 4 duplicate_key",
                  "a.csv 5 unknown_enterprise",
                  "a.csv 6 negative_value",
                  "b.csv 3 duplicate_key",
                  "b.csv 4 duplicate_key",
                  "b.csv 5 negative_value"),
              rejects);
          assertEquals(
              lines(StageJob.rejects(flagged, "energy"), "file", "line", "reason"), rejects);
          assertEquals(
              sorts(StageJob.latest(flagged, ENERGY)) - 1,
              sorts(StageJob.latestOf(marked, ENERGY)),
              "one sort of the rows fewer");
        });
    assertFalse(StageJob.flagsLatestInOneSort(SCHEMAS.get("production_lines")));
  }

  /** The staged energy columns {@link #lines} shows. */
  private static final String[] STAGED = {"file", "line", "credit_code", "energy_code", "quantity"};

  /**
   * {@code frame}'s rows ordered by file and line, each as its {@code columns} joined by spaces: a
   * file by its name, a decimal without trailing zeros.
   */
  private static List<String> lines(Dataset<Row> frame, String... columns) {
    return frame.orderBy("file", "line").collectAsList().stream()
        .map(r -> Arrays.stream(columns).map(c -> cell(r, c)).collect(Collectors.joining(" ")))
        .toList();
  }

  private static String cell(Row row, String column) {
    Object value = row.getAs(column);
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    return column.equals("file") ? ((String) value).replaceAll(".*/", "") : String.valueOf(value);
  }

  /** The sort operators of {@code frame}'s executed plan. */
  private static long sorts(Dataset<Row> frame) {
    return Arrays.stream(frame.queryExecution().executedPlan().toString().split("\n"))
        .filter(line -> line.contains("Sort ["))
        .count();
  }

  @Test
  void anEnterpriseKeyedSourceIsShuffledOnceForItsWindowsAndRegisterJoin() {
    // With one shuffle partition (city runs) no plan needs more than one exchange; national runs
    // have many, where the duplicate window, the register join and the latest-drop window would
    // each shuffle the source's rows again unless they are partitioned by enterprise first.
    atNationalSize(
        () -> {
          Dataset<Row> parsed =
              parse(
                  ENERGY,
                  Map.of(
                      "raw/energy/received=2024-02-10/energy_2024-01.csv",
                      "credit_code,period,energy_code,quantity,unit\n"
                          + E1
                          + ",2024-01,coke,10,t\n"));
          Dataset<Row> staged =
              StageJob.latest(
                  StageJob.flag(
                      parsed,
                      ENERGY,
                      StageJob.knownEnterprises(Fixtures.enterprises(spark(), REFERENCE))),
                  ENERGY);
          List<String> exchanges = exchanges(staged);
          assertEquals(2, exchanges.size(), String.join("\n", exchanges));
          assertTrue(
              exchanges.stream().anyMatch(e -> e.contains("hashpartitioning(credit_code#")),
              String.join("\n", exchanges));
          assertTrue(
              exchanges.stream().anyMatch(e -> e.contains("hashpartitioning(_known_code#")),
              String.join("\n", exchanges));
          assertFalse(
              staged.queryExecution().executedPlan().toString().contains("Broadcast"),
              "the register's codes are never broadcast: " + staged.queryExecution());
          assertEquals(1, staged.count());
        });
  }

  @Test
  void carriedStagedRowsAreRankedWithTheNewDropsAndStayPartitionedByEnterprise() {
    // A carried month: January and February staged from the February drop, then a March drop
    // revises January. The revision wins January; February, which no new row touches, is kept
    // unranked; and a window by enterprise over the result (the warnings' month-over-month check)
    // needs no shuffle of its own.
    atNationalSize(
        () -> {
          String header = "credit_code,period,energy_code,quantity,unit\n";
          Dataset<Row> known = StageJob.knownEnterprises(Fixtures.enterprises(spark(), REFERENCE));
          Dataset<Row> february =
              StageJob.latest(
                  StageJob.flag(
                      parse(
                          ENERGY,
                          Map.of(
                              "raw/energy/received=2024-02-10/energy.csv",
                              header + E1 + ",2024-01,coke,10,t\n" + E1 + ",2024-02,coke,5,t\n")),
                      ENERGY,
                      known),
                  ENERGY);
          // Read back from the state, carried rows come in no particular partitioning.
          Dataset<Row> carried =
              spark().createDataFrame(february.collectAsList(), february.schema());
          Dataset<Row> revision =
              parse(
                  ENERGY,
                  Map.of(
                      "raw/energy/received=2024-03-10/energy_fix.csv",
                      header + E1 + ",2024-01,coke,12,t\n"));
          Dataset<Row> staged =
              StageJob.latest(
                  StageJob.flag(revision, ENERGY, known),
                  carried,
                  col("period").isin("2024-01"),
                  ENERGY);
          List<String> rows =
              staged.orderBy("period").collectAsList().stream()
                  .map(
                      r ->
                          r.getAs("period")
                              + " "
                              + r.<BigDecimal>getAs("quantity").stripTrailingZeros().toPlainString()
                              + " "
                              + r.getAs("file"))
                  .toList();
          assertEquals(
              List.of(
                  "2024-01 12 raw/energy/received=2024-03-10/energy_fix.csv",
                  "2024-02 5 raw/energy/received=2024-02-10/energy.csv"),
              rows);
          Dataset<Row> windowed =
              staged.withColumn(
                  "_previous",
                  lag("quantity", 1)
                      .over(Window.partitionBy("credit_code", "energy_code").orderBy("period")));
          assertEquals(exchanges(staged).size(), exchanges(windowed).size());
        });
  }

  /** The exchange lines of {@code frame}'s executed plan. */
  private static List<String> exchanges(Dataset<Row> frame) {
    return Arrays.stream(frame.queryExecution().executedPlan().toString().split("\n"))
        .filter(line -> line.contains("Exchange "))
        .toList();
  }

  /**
   * Runs {@code check} planned as a national run is (several shuffle partitions, no broadcast
   * joins), then restores the shared session's settings.
   */
  private static void atNationalSize(Runnable check) {
    RuntimeConfig conf = spark().conf();
    String partitions = conf.get("spark.sql.shuffle.partitions");
    String broadcast = conf.get("spark.sql.autoBroadcastJoinThreshold");
    conf.set("spark.sql.shuffle.partitions", "4");
    // What SparkSettings.tuneFor sets from a million input rows on.
    conf.set("spark.sql.autoBroadcastJoinThreshold", "10485760");
    try {
      check.run();
    } finally {
      conf.set("spark.sql.shuffle.partitions", partitions);
      conf.set("spark.sql.autoBroadcastJoinThreshold", broadcast);
    }
  }
}
