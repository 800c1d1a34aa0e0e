package org.benxi.green.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.benxi.green.jobs.publish.PublishingProcess.Child;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing survives kill -9 at every step and refuses a second publisher: after each crash the
 * readers' paths show the whole old publication or the whole new one, and the next run clears the
 * stale lock and the leftovers, then publishes.
 */
class CrashSafePublishingTest {
  private static final String PERIOD = "2021-12";
  private static final List<String> MARTS =
      List.of(
          "energy_enterprise_month",
          "energy_sector_month",
          "waste_county_month",
          "green_factory_roster",
          "power_capacity",
          "forest_inventory",
          "indicator_progress",
          "data_quality");
  private static final int SIGKILLED = 128 + 9;

  @TempDir Path dir;

  @Test
  void killAtEveryStepOfAFirstPublicationShowsNothingOrAllOfIt() throws Exception {
    List<String> steps = steps(null);
    assertTrue(steps.size() >= 19, "steps of a first publication: " + steps);
    assertTrue(steps.contains("linked marts/indicator_progress"), steps.toString());
    for (int i = 0; i < steps.size(); i++) {
      Path warehouse = dir.resolve("first-" + i);
      Files.createDirectories(warehouse);
      Child killed = child(warehouse, "B", "kill-at=" + steps.get(i));
      assertEquals(SIGKILLED, killed.exit(), steps.get(i) + ": " + killed.out());
      String seen = visible(warehouse);
      boolean switched = steps.indexOf(steps.get(i)) >= steps.indexOf("switched");
      assertEquals(switched ? "B" : Publications.NONE, seen, "after kill at " + steps.get(i));
      recoverAndPublish(warehouse, "C", switched ? List.of("C", "B") : List.of("C"));
    }
  }

  @Test
  void killAtEveryStepOfARepublicationShowsTheOldOrTheNew() throws Exception {
    Path base = dir.resolve("base");
    publishInProcess(base, "A");
    List<String> steps = steps(base);
    assertTrue(steps.size() >= 9, "steps of a republication: " + steps);
    for (int i = 0; i < steps.size(); i++) {
      Path warehouse = dir.resolve("again-" + i);
      PublishingProcess.copyTree(base, warehouse);
      Child killed = child(warehouse, "B", "kill-at=" + steps.get(i));
      assertEquals(SIGKILLED, killed.exit(), steps.get(i) + ": " + killed.out());
      boolean switched = i >= steps.indexOf("switched");
      assertEquals(switched ? "B" : "A", visible(warehouse), "after kill at " + steps.get(i));
      recoverAndPublish(warehouse, "C", switched ? List.of("C", "B", "A") : List.of("C", "A"));
    }
  }

  @Test
  void aSecondPublisherIsRefusedWhileTheFirstHoldsTheWarehouse() throws Exception {
    Path warehouse = dir.resolve("busy");
    publishInProcess(warehouse, "A");
    Process first = start(warehouse, "B", "pause-at=moved into publications");
    BufferedReader out =
        new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("PAUSED moved into publications", out.readLine());

    WarehouseLock.Busy busy =
        assertThrows(WarehouseLock.Busy.class, () -> WarehouseLock.acquire(warehouse, "C"));
    assertTrue(busy.getMessage().contains("run B (pid " + first.pid() + " on "), busy.getMessage());
    assertTrue(busy.getMessage().endsWith("wait for that run to finish, then try again"));
    assertEquals("A", visible(warehouse), "the paused run has not switched yet");

    try (OutputStream in = first.getOutputStream()) {
      in.write("\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("DONE", out.readLine());
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue());
    assertEquals("B", visible(warehouse));
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse, "C")) {
      assertEquals(null, lock.staleHolder(), "a clean exit leaves no stale lock");
    }
  }

  @Test
  void twoPublishersStartedTogetherNeverBothPublish() throws Exception {
    Path warehouse = dir.resolve("race");
    Files.createDirectories(warehouse);
    Path preparedB = prepare("B");
    Path preparedC = prepare("C");
    Process b = startPrepared(warehouse, preparedB, "B", "pause-at=staging written");
    Process c = startPrepared(warehouse, preparedC, "C", "pause-at=staging written");
    List<String> outcomes = new ArrayList<>();
    for (Process p : List.of(b, c)) {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      if (first != null && first.startsWith("PAUSED")) {
        outcomes.add("paused");
      } else {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("race is being published by run "), err);
        outcomes.add("refused");
      }
    }
    assertEquals(List.of("paused", "refused"), outcomes.stream().sorted().toList());
    for (Process p : List.of(b, c)) {
      if (p.isAlive()) {
        try (OutputStream in = p.getOutputStream()) {
          in.write("\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
      }
    }
    String published = visible(warehouse);
    assertTrue(Set.of("B", "C").contains(published), published);
  }

  /** The steps a publication goes through, as the child process reports them. */
  private List<String> steps(Path base) throws Exception {
    Path warehouse = dir.resolve("list-" + (base == null ? "first" : "again"));
    if (base == null) {
      Files.createDirectories(warehouse);
    } else {
      PublishingProcess.copyTree(base, warehouse);
    }
    return child(warehouse, "B", "list").steps();
  }

  /** The next run: finds the stale lock, clears leftovers, publishes, and leaves nothing behind. */
  private void recoverAndPublish(Path warehouse, String runId, List<String> expectedHistory)
      throws IOException {
    Publications publications = new Publications(warehouse);
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse, runId)) {
      assertNotNull(lock.staleHolder(), "the killed run's lock is reported as stale");
      assertTrue(lock.staleHolder().startsWith("run B (pid "), lock.staleHolder());
      publications.clearAbandoned();
      stageAndPublish(publications, runId);
    }
    assertEquals(runId, visible(warehouse));
    assertEquals(
        expectedHistory,
        publications.history(PERIOD).stream().map(Publications.Publication::runId).toList());
    assertFalse(Files.exists(warehouse.resolve(".scratch")), "staging cleared");
    try (Stream<Path> s = Files.walk(warehouse)) {
      List<String> temporary =
          s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
      assertEquals(List.of(), temporary);
    }
    Set<String> kept = new TreeSet<>(expectedHistory);
    kept.add(Publications.NONE);
    try (Stream<Path> s = Files.list(warehouse.resolve("publications").resolve(PERIOD))) {
      Set<String> present = new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
      present.retainAll(Set.of("A", "B", "C"));
      kept.retainAll(Set.of("A", "B", "C"));
      assertEquals(kept, present, "abandoned publications are deleted, history is kept");
    }
  }

  private void publishInProcess(Path warehouse, String runId) throws IOException {
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse, runId)) {
      stageAndPublish(new Publications(warehouse), runId);
    }
  }

  /**
   * Stages the prepared publication of {@code runId} and publishes it; the caller holds the lock.
   */
  private void stageAndPublish(Publications publications, String runId) throws IOException {
    Path staging = publications.stagingDir(runId);
    PublishingProcess.copyTree(prepare(runId), staging);
    publications.publish(
        new Publications.Publication(
            runId, PERIOD, "2022-01-31", publications.currentRunId(PERIOD).orElse(null)),
        staging,
        Publications.Checkpoint.NONE);
  }

  /**
   * The publication the fixed reader paths show: one run id (or {@link Publications#NONE}) for
   * every mart and the reports, with the content that run staged.
   */
  private static String visible(Path warehouse) throws IOException {
    Set<String> seen = new TreeSet<>();
    for (String mart : MARTS) {
      seen.add(publicationOf(warehouse.resolve("marts").resolve(mart).resolve("period=" + PERIOD)));
    }
    Path reports = warehouse.resolve("reports").resolve(PERIOD);
    seen.add(publicationOf(reports));
    assertEquals(1, seen.size(), "readers see a mix of publications: " + seen);
    String runId = seen.iterator().next();
    for (String mart : MARTS) {
      Path dir = warehouse.resolve("marts").resolve(mart).resolve("period=" + PERIOD);
      List<String> contents = new ArrayList<>();
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          for (Path file : s.sorted().toList()) {
            contents.add(Files.readString(file));
          }
        }
      }
      assertEquals(
          runId.equals(Publications.NONE) ? List.of() : List.of(runId + "|" + mart), contents);
    }
    if (!runId.equals(Publications.NONE)) {
      assertEquals("indicators of " + runId, Files.readString(reports.resolve("indicators.csv")));
      assertTrue(Files.isRegularFile(warehouse.resolve("runs/" + runId + "/manifest.json")));
    } else {
      assertFalse(Files.exists(reports.resolve("indicators.csv")));
    }
    return runId;
  }

  /** The run id of the publication a fixed path resolves into, or NONE when it shows nothing. */
  private static String publicationOf(Path fixed) throws IOException {
    if (!Files.exists(fixed)) {
      return Publications.NONE;
    }
    Path real = fixed.toRealPath();
    Path publication =
        fixed.getFileName().toString().startsWith("period=") ? real.getParent() : real;
    return publication.getParent().getFileName().toString();
  }

  private Path prepare(String runId) throws IOException {
    return PublishingProcess.prepare(dir, runId, MARTS);
  }

  private Child child(Path warehouse, String runId, String mode) throws Exception {
    return Child.of(start(warehouse, runId, mode));
  }

  private Process start(Path warehouse, String runId, String mode) throws IOException {
    return startPrepared(warehouse, prepare(runId), runId, mode);
  }

  private static Process startPrepared(Path warehouse, Path prepared, String runId, String mode)
      throws IOException {
    return PublishingProcess.jvm(
            PublishingProcess.class, warehouse.toString(), prepared.toString(), PERIOD, runId, mode)
        .start();
  }
}
