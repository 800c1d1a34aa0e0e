package org.benxi.green.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benxi.green.jobs.audit.Audit;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.generate.SampleGenerator;
import org.benxi.green.jobs.publish.ContentHash;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.spark.JobCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Months run one after another carry the previous month's state, and December gives exactly what a
 * full rebuild of it gives: every mart's content hash, every CSV report byte and the carried state.
 * December's new drops include the generator's energy revision of October and hand-made late
 * corrections of a production line in August and a waste report in September.
 */
class IncrementalMonthsTest extends SparkTestBase {
  private static final LocalDate OCTOBER_AS_OF = LocalDate.of(2024, 11, 19);
  private static final LocalDate NOVEMBER_AS_OF = LocalDate.of(2024, 12, 19);

  @TempDir static Path dir;
  static Path data;
  static Map<String, RunSummary> chained = new LinkedHashMap<>();
  static RunSummary rebuilt;
  static Map<String, Integer> jobs = new LinkedHashMap<>();

  /**
   * Spark jobs of a full rebuild: parse the new drops, count the rows per file, collect the
   * indicators' inputs, write 15 marts and 4 state tables (register, last reported months, and the
   * last three months' staged energy and solid waste, which spare the next month restaging them).
   */
  static final int FULL_REBUILD_JOBS = 22;

  /** Spark jobs of a carried month: as a full rebuild, but the register's state is linked. */
  static final int CARRIED_MONTH_JOBS = 21;

  @BeforeAll
  static void runMonthByMonthAndInFull() throws IOException {
    data = dir.resolve("data");
    new SampleGenerator(
            new GeneratorConfig(data, 40, YearMonth.of(2024, 7), YearMonth.of(2024, 12), 11L),
            ProgressLine.silent())
        .generate();
    lateCorrection(
        "production_lines", "production_lines_2024-08.csv", 5, "1000", "lines_2024-08_fix.csv");
    lateCorrection("solid_waste", "solid_waste_2024-09.csv", 4, "99999", "waste_2024-09_late.csv");

    Path chain = dir.resolve("chain");
    chained.put("2024-10", run(chain, YearMonth.of(2024, 10), OCTOBER_AS_OF, null));
    chained.put("2024-11", run(chain, YearMonth.of(2024, 11), NOVEMBER_AS_OF, null));
    chained.put("2024-12", run(chain, YearMonth.of(2024, 12), null, null));
    rebuilt = run(dir.resolve("full"), YearMonth.of(2024, 12), null, "test");
  }

  @Test
  void eachRunSaysHowItComputedAndWhichMonthsItRecomputed() {
    assertEquals(
        "Full rebuild: 2024-09 has no publication to carry state from",
        chained.get("2024-10").computation());
    assertEquals(
        Map.of("mode", "incremental", "recomputed_months", List.of("2024-11")),
        computation(dir.resolve("chain"), chained.get("2024-11")));
    // The generator's revision of November and the two late corrections; nothing else.
    assertEquals(
        Map.of(
            "mode",
            "incremental",
            "recomputed_months",
            List.of("2024-08", "2024-09", "2024-11", "2024-12")),
        computation(dir.resolve("chain"), chained.get("2024-12")));
    assertEquals("Full rebuild: test", rebuilt.computation());
  }

  @Test
  void anAuditOfTheMonthsCarriesItsOwnRecomputationAndFindsEveryMonthIdentical() {
    List<RunConfig> configs = new ArrayList<>();
    for (int month = 10; month <= 12; month++) {
      configs.add(
          new RunConfig(
              data.toString(),
              dir.resolve("chain").toString(),
              YearMonth.of(2024, month),
              null,
              SETTINGS,
              1.0));
    }
    List<Audit.Result> results = new ArrayList<>();
    Audit.runAll(spark(), configs, false, ProgressLine.silent(), results::add);
    assertEquals(List.of(true, true, true), results.stream().map(Audit.Result::identical).toList());
    assertEquals(
        List.of(
            "in full: an audit recomputes the first month of a run of months in full",
            "carried from the audit's own recomputation of 2024-10; recomputed months 2024-11",
            "carried from the audit's own recomputation of 2024-11; recomputed months 2024-08,"
                + " 2024-09, 2024-11, 2024-12"),
        results.stream().map(Audit.Result::computation).toList());
    assertFalse(Files.exists(dir.resolve("chain/.audit")), "the audit leaves no scratch behind");
  }

  @Test
  void eachRunStaysWithinItsSparkJobBudget() {
    // The budget is what the run needs; a change that adds jobs must raise it and say why.
    assertEquals(
        Map.of(
            "chain 2024-10", FULL_REBUILD_JOBS,
            "chain 2024-11", CARRIED_MONTH_JOBS,
            "chain 2024-12", CARRIED_MONTH_JOBS,
            "full 2024-12", FULL_REBUILD_JOBS),
        jobs);
  }

  @Test
  void aChainOfMonthsPublishesExactlyWhatAFullRebuildPublishes() throws IOException {
    // December carries November, which carried October: a wrong carry anywhere shows here.
    Path incremental = publication(dir.resolve("chain"), chained.get("2024-12"));
    Path full = publication(dir.resolve("full"), rebuilt);
    assertEquals(manifest(full).get("outputs"), manifest(incremental).get("outputs"));
    assertEquals(manifest(full).get("inputs"), manifest(incremental).get("inputs"));
    for (String report :
        List.of(
            "indicators.csv",
            "rejects.csv",
            "data_quality.csv",
            "missing_reporters.csv",
            "county_table.csv")) {
      assertArrayEquals(
          Files.readAllBytes(full.resolve("reports").resolve(report)),
          Files.readAllBytes(incremental.resolve("reports").resolve(report)),
          report);
    }
    for (String state :
        List.of("register", "last_reported", "staged/energy", "staged/solid_waste")) {
      assertEquals(stateHash(full, state), stateHash(incremental, state), "state " + state);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void decemberFlagsOnlyTheDropsReceivedAfterNovembersAsOf() throws IOException {
    List<String> late;
    try (var files = Files.walk(data.resolve("raw"))) {
      late =
          files
              .filter(p -> p.toString().endsWith(".csv"))
              .filter(p -> received(p).isAfter(NOVEMBER_AS_OF))
              .map(p -> data.resolve("raw").relativize(p).toString())
              .sorted()
              .toList();
    }
    Map<String, Object> december =
        manifest(publication(dir.resolve("chain"), chained.get("2024-12")));
    List<String> newFiles =
        ((List<String>) ((Map<String, Object>) december.get("computation")).get("new_files"))
            .stream().map(f -> f.substring("raw/".length())).sorted().toList();
    assertEquals(late, newFiles);
    assertEquals(late.size(), chained.get("2024-12").files() - chained.get("2024-11").files());
  }

  @Test
  void theCorrectionsChangeWhatTheyShouldSoTheComparisonIsNotVacuous() {
    Path chain = dir.resolve("chain");
    Map<String, String> november = hashes(publication(chain, chained.get("2024-11")));
    Map<String, String> december = hashes(publication(chain, chained.get("2024-12")));
    for (String mart :
        List.of("energy_sector_month", "solid_waste_county_month", "indicator_series")) {
      assertNotEquals(november.get(mart), december.get(mart), mart);
    }
  }

  private static LocalDate received(Path file) {
    return LocalDate.parse(
        file.getParent().getFileName().toString().substring("received=".length()));
  }

  /** Copies one data row of a generated drop into a new late drop, with one cell changed. */
  private static void lateCorrection(
      String source, String generated, int column, String value, String name) throws IOException {
    Path original;
    try (var files = Files.walk(data.resolve("raw").resolve(source))) {
      original = files.filter(p -> p.getFileName().toString().equals(generated)).findFirst().get();
    }
    List<String> lines = Files.readAllLines(original, StandardCharsets.UTF_8);
    String[] cells = lines.get(1).split(",");
    cells[column] = value;
    Path late = data.resolve("raw").resolve(source).resolve("received=2024-12-26").resolve(name);
    Files.createDirectories(late.getParent());
    Files.writeString(
        late, lines.get(0) + "\n" + String.join(",", cells) + "\n", StandardCharsets.UTF_8);
  }

  private static RunSummary run(
      Path warehouse, YearMonth period, LocalDate asOf, String fullRebuildReason) {
    RunConfig config =
        new RunConfig(
            data.toString(),
            warehouse.toString(),
            period,
            asOf,
            SETTINGS,
            0.2); // 40 enterprises: the generator's dirt rows weigh more
    JobCounter counter = JobCounter.start(spark());
    RunSummary summary = MonthlyRun.run(spark(), config, fullRebuildReason, ProgressLine.silent());
    jobs.put(warehouse.getFileName() + " " + period, counter.stop());
    return summary;
  }

  private static Path publication(Path warehouse, RunSummary summary) {
    String period = summary.runId().substring(summary.runId().length() - 7);
    return new Publications(warehouse).publicationDir(period, summary.runId());
  }

  private static Map<String, Object> manifest(Path publication) {
    return Json.readObject(publication.resolve("manifest.json"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> computation(Path warehouse, RunSummary summary) {
    Map<String, Object> c =
        (Map<String, Object>) manifest(publication(warehouse, summary)).get("computation");
    return Map.of("mode", c.get("mode"), "recomputed_months", c.get("recomputed_months"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> hashes(Path publication) {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Object o : (List<Object>) manifest(publication).get("outputs")) {
      Map<String, Object> m = (Map<String, Object>) o;
      hashes.put((String) m.get("mart"), (String) m.get("content_hash"));
    }
    return hashes;
  }

  private static String stateHash(Path publication, String table) {
    return ContentHash.of(
        spark().read().parquet(publication.resolve(CarriedState.DIR).resolve(table).toString()));
  }
}
