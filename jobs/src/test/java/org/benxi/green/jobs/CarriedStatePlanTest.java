package org.benxi.green.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.benxi.green.jobs.ingest.DropStore;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.sources.SourceSpecs;
import org.benxi.green.jobs.spark.SparkSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a month may carry the previous month's publication, and the reason it rebuilds in full when
 * not; and the months an incremental run recomputes and reads, worked out by hand.
 */
class CarriedStatePlanTest {
  private static final YearMonth JUNE = YearMonth.of(2025, 6);
  private static final String FINGERPRINT = "0123456789abcdef";

  @TempDir Path warehouse;
  private final List<DropStore.Drop> mayDrops = new ArrayList<>();

  @BeforeEach
  void mayDrops() {
    mayDrops.add(drop("enterprises", "2025-01-05", "ent.csv", "e1"));
    mayDrops.add(drop("energy", "2025-06-10", "energy_2025-05.csv", "a1", "2025-05"));
  }

  @Test
  void aMonthWithoutAPublishedPredecessorRebuildsInFull() {
    assertFull("2025-05 has no publication to carry state from", mayDrops);
  }

  @Test
  void stateOfOtherCodeOrDataIsNotCarried() throws IOException {
    publishMay("fedcba9876543210");
    assertFull(
        "2025-05 was computed by other code, schemas, reference data or indicator catalog",
        mayDrops);
  }

  @Test
  void aFileTheBaseReadMustStillBeVisibleWithTheSameContent() throws IOException {
    publishMay(FINGERPRINT);
    assertFull(
        "raw/energy/received=2025-06-10/energy_2025-05.csv, read by the 2025-05 run, is not"
            + " visible now",
        List.of(mayDrops.get(0)));
    assertFull(
        "raw/energy/received=2025-06-10/energy_2025-05.csv changed since the 2025-05 run read it",
        List.of(
            mayDrops.get(0), drop("energy", "2025-06-10", "energy_2025-05.csv", "a2", "2025-05")));
  }

  @Test
  void aNewRegisterDropOrAFileAddedToAReadDropFolderRebuildsInFull() throws IOException {
    publishMay(FINGERPRINT);
    List<DropStore.Drop> register = new ArrayList<>(mayDrops);
    register.add(drop("enterprises", "2025-07-01", "ent_2025-06.csv", "e2"));
    assertFull(
        "the enterprise register has a new drop, raw/enterprises/received=2025-07-01/"
            + "ent_2025-06.csv",
        register);
    List<DropStore.Drop> added = new ArrayList<>(mayDrops);
    added.add(drop("energy", "2025-06-10", "late.csv", "a3", "2025-05"));
    assertFull(
        "raw/energy/received=2025-06-10/late.csv landed in a drop folder the 2025-05 run had read",
        added);
  }

  @Test
  void newDropsAreCarriedOverWithTheMonthsTheyHold() throws IOException {
    String base = publishMay(FINGERPRINT);
    List<DropStore.Drop> now = new ArrayList<>(mayDrops);
    now.add(drop("energy", "2025-07-10", "energy_2025-06.csv", "b1", "2025-06"));
    now.add(drop("energy", "2025-07-12", "energy_2025-03_fix.csv", "b2", "2025-03"));
    now.add(drop("forest", "2025-07-12", "forest_2024.csv", "f1"));
    CarriedState.Plan plan = plan(now);
    assertTrue(plan.incremental());
    assertEquals(base, plan.baseRunId());
    assertEquals(
        "file:" + warehouse.resolve("publications/2025-05/" + base),
        plan.sparkBase().toString(),
        "Spark reads a local warehouse's base where the driver does");
    assertEquals(now.subList(2, 5), plan.newDrops());
    assertEquals(new TreeSet<>(List.of("2025-03", "2025-06")), plan.months().aggregates());
    assertEquals(
        "Incremental: carried run "
            + base
            + "; 3 new drop files; recomputed months 2025-03, 2025-06",
        plan.describe());
  }

  @Test
  void theBaseStatesStagedMonthsAreReadInsteadOfTheDropsHoldingThem() throws IOException {
    DropStore.Drop february = drop("energy", "2025-03-10", "energy_2025-02.csv", "a0", "2025-02");
    mayDrops.add(february);
    String base = publishMay(FINGERPRINT);
    Path staged = warehouse.resolve("publications/2025-05/" + base + "/state/staged/energy");
    for (String month : List.of("2025-03", "2025-04", "2025-05")) {
      Files.createDirectories(staged.resolve("period=" + month));
    }
    List<DropStore.Drop> now = new ArrayList<>(mayDrops);
    DropStore.Drop june = drop("energy", "2025-07-10", "energy_2025-06.csv", "b1", "2025-06");
    DropStore.Drop marchFix =
        drop("energy", "2025-07-12", "energy_2025-03_fix.csv", "b2", "2025-03");
    DropStore.Drop forest = drop("forest", "2025-07-12", "forest_2024.csv", "f1");
    now.addAll(List.of(june, marchFix, forest));
    CarriedState.Plan plan = plan(now);
    var energy = SourceSpecs.of("energy");
    assertEquals(Map.of("energy", Set.of("2025-03", "2025-04", "2025-05")), plan.stagedMonths());
    // March and June are recomputed; their warnings and the next months' read February to July.
    assertEquals(List.of("2025-03", "2025-04", "2025-05"), List.copyOf(plan.carriedMonths(energy)));
    assertEquals(List.of("2025-02", "2025-06", "2025-07"), List.copyOf(plan.storeMonths(energy)));
    // May's energy drop is carried staged; the register is carried; February is read from the
    // store.
    assertEquals(List.of(february, june, marchFix, forest), CarriedState.stagedDrops(now, plan));
  }

  @Test
  void recomputedMonthsCoverTheMonthAfterEachTouchedOneAndTwelveMonthLineWindows() {
    RecomputedMonths months =
        new RecomputedMonths(JUNE, new TreeSet<>(List.of(YearMonth.of(2025, 3))));
    assertEquals(List.of("2025-03", "2025-06"), List.copyOf(months.aggregates()));
    assertEquals(
        List.of("2025-03", "2025-04", "2025-06", "2025-07"), List.copyOf(months.warnings()));
    assertEquals(
        List.of("2025-03", "2025-04", "2025-05", "2025-06"), List.copyOf(months.lineWindows()));
    assertEquals(
        List.of("2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"),
        names(SourceSpecs.of("energy").readMonths(months)));
    List<String> lines = names(SourceSpecs.of("production_lines").readMonths(months));
    assertEquals(16, lines.size()); // 2024-04 (11 months before March) through 2025-07
    assertEquals("2024-04", lines.get(0));
    assertEquals("2025-07", lines.get(lines.size() - 1));
  }

  private CarriedState.Plan plan(List<DropStore.Drop> drops) {
    RunConfig config =
        new RunConfig(
            warehouse.getParent().toString(),
            warehouse.toString(),
            JUNE,
            null,
            new SparkSettings("local[1]", 1),
            RunConfig.DEFAULT_MAX_REJECT_RATE);
    return CarriedState.plan(config, drops, FINGERPRINT);
  }

  private void assertFull(String reason, List<DropStore.Drop> drops) {
    CarriedState.Plan plan = plan(drops);
    assertEquals("Full rebuild: " + reason, plan.describe());
  }

  /** Publishes a May whose manifest lists {@link #mayDrops} and whose state has the fingerprint. */
  private String publishMay(String fingerprint) throws IOException {
    String runId = "20250611T000000000Z-2025-05";
    Path staged = warehouse.resolve(".scratch").resolve(runId);
    Files.createDirectories(staged.resolve("reports"));
    Files.createDirectories(staged.resolve("marts/indicator_series"));
    Files.createDirectories(staged.resolve(CarriedState.DIR));
    Files.writeString(
        staged.resolve(CarriedState.DIR).resolve("state.json"),
        Json.write(Map.of("fingerprint", fingerprint)));
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (DropStore.Drop d : mayDrops) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("file", d.file().relativePath());
      input.put("source", d.file().source());
      input.put("received", d.file().received().toString());
      input.put("sha256", d.sha256());
      inputs.add(input);
    }
    Files.writeString(staged.resolve("manifest.json"), Json.write(Map.of("inputs", inputs)));
    new Publications(warehouse)
        .publish(
            new Publications.Publication(runId, "2025-05", "2025-06-11", null),
            staged,
            Publications.Checkpoint.NONE);
    return runId;
  }

  private static DropStore.Drop drop(
      String source, String received, String name, String sha, String... months) {
    String path = "raw/" + source + "/received=" + received + "/" + name;
    return new DropStore.Drop(
        new SourceFile(source, LocalDate.parse(received), path, "file:/data/" + path),
        sha,
        10,
        1,
        List.of(),
        List.of(months));
  }

  private static List<String> names(java.util.SortedSet<YearMonth> months) {
    return months.stream().map(YearMonth::toString).toList();
  }
}
