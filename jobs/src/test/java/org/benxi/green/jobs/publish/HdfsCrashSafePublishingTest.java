package org.benxi.green.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.benxi.green.jobs.publish.PublishingProcess.Child;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pointer publications on a real HDFS (in-process mini cluster) survive kill -9 at every step of a
 * publisher in another JVM, and of two publishers built on the same version exactly one commits:
 * readers resolving the current pointer see the whole old publication or the whole new one, and a
 * later run clears what a dead one left.
 */
class HdfsCrashSafePublishingTest {
  static final String PERIOD = "2021-12";
  static final List<String> MARTS =
      List.of("energy_enterprise_month", "indicator_progress", "data_quality");
  private static final int SIGKILLED = 128 + 9;
  private static final Configuration CONF = new Configuration();

  @TempDir Path dir;

  @Test
  void killAtEveryStepShowsTheOldPublicationOrTheWholeNewOne() throws Exception {
    String listing = warehouse("list");
    List<String> steps = steps(listing);
    assertEquals(
        List.of(
            "version read",
            "staged",
            "publication.json written",
            "uploaded",
            "pointer written",
            "switched"),
        steps);
    for (int i = 0; i < steps.size(); i++) {
      String warehouse = warehouse("kill-" + i);
      publishInProcess(warehouse, "A");
      Child killed = publish(warehouse, "B", "kill-at=" + steps.get(i));
      assertEquals(SIGKILLED, killed.exit(), steps.get(i) + ": " + killed.out());
      boolean switched = i >= steps.indexOf("switched");
      assertEquals(switched ? "B" : "A", visible(warehouse, CONF), "after kill at " + steps.get(i));

      PointerPublications publications = new PointerPublications(warehouse, CONF);
      List<String> young = publications.clearAbandoned(Instant.now(), Duration.ofHours(6));
      assertEquals(List.of(), young, "a folder as young as a live upload is kept");
      List<String> cleared = publications.clearAbandoned(Instant.now(), Duration.ZERO);
      boolean uploaded = i >= steps.indexOf("uploaded");
      boolean pointerLeft = i == steps.indexOf("pointer written");
      List<String> expected = new ArrayList<>();
      if (uploaded && !switched) {
        expected.add("publication B of " + PERIOD + ", never switched to");
      }
      if (pointerLeft) {
        expected.add("temporary pointer .v00000002.json.B.tmp");
      }
      assertEquals(expected, cleared, "after kill at " + steps.get(i));

      publishInProcess(warehouse, "C");
      assertEquals("C", visible(warehouse, CONF));
      assertEquals(
          switched ? List.of("C", "B", "A") : List.of("C", "A"),
          publications.history(PERIOD).stream().map(p -> p.publication().runId()).toList());
      Set<String> folders = new TreeSet<>();
      for (FileStatus f : fs(warehouse).listStatus(publications.publicationDir(PERIOD, "C"))) {
        folders.add(f.getPath().getName());
      }
      assertEquals(Set.of("manifest.json", "marts", "reports"), folders);
      assertEquals(
          switched,
          fs(warehouse).exists(publications.publicationDir(PERIOD, "B")),
          "the dead run's upload is gone unless it was switched to");
    }
  }

  @Test
  void ofTwoPublishersOnTheSameVersionExactlyOneCommits() throws Exception {
    String warehouse = warehouse("race");
    publishInProcess(warehouse, "A");
    Process b = start(warehouse, "B", "pause-at=uploaded");
    Process c = start(warehouse, "C", "pause-at=uploaded");
    for (Process p : List.of(b, c)) {
      assertEquals("PAUSED uploaded", reader(p).readLine());
    }
    assertEquals("A", visible(warehouse, CONF), "uploads alone show nothing");
    List<String> outcomes = new ArrayList<>();
    for (Process p : List.of(b, c)) {
      try (OutputStream in = p.getOutputStream()) {
        in.write("\n".getBytes(StandardCharsets.UTF_8));
      }
      String line = reader(p).readLine();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      outcomes.add(p.exitValue() + " " + line);
    }
    assertEquals("0 DONE", outcomes.get(0), "the first to commit wins");
    assertEquals(
        HdfsPublishingProcess.SUPERSEDED
            + " SUPERSEDED "
            + PERIOD
            + " version 2 was published by run B while run C computed; nothing of C is visible"
            + " and its upload is removed; run again to publish on top of it",
        outcomes.get(1));
    assertEquals("B", visible(warehouse, CONF));
    PointerPublications publications = new PointerPublications(warehouse, CONF);
    assertFalse(fs(warehouse).exists(publications.publicationDir(PERIOD, "C")));
    assertEquals(List.of(), publications.clearAbandoned(Instant.now(), Duration.ZERO));
  }

  /**
   * The run id of the publication a reader finds through the current pointer, after checking that
   * every mart and the reports hold exactly that run's files.
   */
  static String visible(String warehouse, Configuration conf) throws IOException {
    PointerPublications publications = new PointerPublications(warehouse, conf);
    String runId = publications.current(PERIOD).orElseThrow().publication().runId();
    org.apache.hadoop.fs.Path root = publications.publicationDir(PERIOD, runId);
    FileSystem fs = new org.apache.hadoop.fs.Path(warehouse).getFileSystem(conf);
    for (String mart : MARTS) {
      FileStatus[] files = fs.listStatus(new org.apache.hadoop.fs.Path(root, "marts/" + mart));
      assertEquals(1, files.length, mart + " of " + runId);
      assertEquals(runId + "|" + mart, read(fs, files[0].getPath()));
    }
    assertEquals(
        "indicators of " + runId,
        read(fs, new org.apache.hadoop.fs.Path(root, "reports/indicators.csv")));
    assertTrue(
        read(fs, new org.apache.hadoop.fs.Path(root, "reports/publication.json")).contains(runId));
    return runId;
  }

  /** Publishes the prepared {@code runId} on top of the current version, in this JVM. */
  private void publishInProcess(String warehouse, String runId) throws IOException {
    publishInProcess(dir, warehouse, runId, CONF);
  }

  /**
   * Publishes the {@code runId} prepared under {@code dir} into {@code warehouse} on top of the
   * current version, in this JVM.
   */
  static void publishInProcess(Path dir, String warehouse, String runId, Configuration conf)
      throws IOException {
    PointerPublications publications = new PointerPublications(warehouse, conf);
    var current = publications.current(PERIOD);
    Path staging = dir.resolve("staging-" + System.nanoTime());
    PublishingProcess.copyTree(PublishingProcess.prepare(dir, runId, MARTS), staging);
    publications.publish(
        new Publications.Publication(
            runId, PERIOD, "2022-01-31", current.map(p -> p.publication().runId()).orElse(null)),
        staging,
        current.map(PointerPublications.Pointer::version).orElse(0) + 1,
        Publications.Checkpoint.NONE);
  }

  private static String read(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
    try (var in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static FileSystem fs(String warehouse) throws IOException {
    return new org.apache.hadoop.fs.Path(warehouse).getFileSystem(CONF);
  }

  private static String warehouse(String name) {
    return MiniHdfs.uri() + "/crash/" + name + "-" + System.nanoTime();
  }

  private List<String> steps(String warehouse) throws Exception {
    return publish(warehouse, "B", "list").steps();
  }

  private Child publish(String warehouse, String runId, String mode) throws Exception {
    return Child.of(start(warehouse, runId, mode));
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private Process start(String warehouse, String runId, String mode) throws IOException {
    return PublishingProcess.jvm(
            HdfsPublishingProcess.class,
            warehouse,
            PublishingProcess.prepare(dir, runId, MARTS).toString(),
            PERIOD,
            runId,
            mode)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
