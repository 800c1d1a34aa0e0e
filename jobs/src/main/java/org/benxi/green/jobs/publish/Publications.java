package org.benxi.green.jobs.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A warehouse's publications, one immutable folder per run: {@code publications/<P>/<run id>/}
 * holds a period's marts, reports and manifest. {@code current/<P>} is a symbolic link to the
 * period's current publication, and {@code marts/<mart>/period=<P>} and {@code reports/<P>} are
 * fixed links through it. Publishing switches that one link with an atomic rename, so readers see
 * the whole old publication or the whole new one, whatever moment a crash happens. Callers hold the
 * {@link WarehouseLock} while they publish or clear.
 */
public final class Publications {
  /** The empty publication a period points at before its first real one. */
  public static final String NONE = "_none";

  private final Path warehouse;

  /** The publications of {@code warehouse}, a local or mounted POSIX folder. */
  public Publications(Path warehouse) {
    this.warehouse = warehouse;
  }

  /** Called at each step of publishing, so tests can stop the process there. */
  @FunctionalInterface
  public interface Checkpoint {
    /** No-op checkpoint for production runs. */
    Checkpoint NONE = step -> {};

    /** The publisher reached {@code step}. */
    void reached(String step);
  }

  /** One publication's record, kept in its reports/publication.json. */
  public record Publication(String runId, String period, String asOf, String previousRunId) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("run_id", runId);
      json.put("period", period);
      json.put("as_of", asOf);
      json.put("previous_run_id", previousRunId);
      json.put("manifest", "runs/" + runId + "/manifest.json");
      return json;
    }

    /** Writes this record into {@code staged}/reports/publication.json. */
    void writeInto(Path staged) throws IOException {
      Files.writeString(staged.resolve("reports/publication.json"), Json.write(toJson()));
    }

    static Publication fromJson(Map<String, Object> json) {
      return new Publication(
          (String) json.get("run_id"),
          (String) json.get("period"),
          (String) json.get("as_of"),
          (String) json.get("previous_run_id"));
    }
  }

  /** The warehouse folder. */
  public Path warehouse() {
    return warehouse;
  }

  /** Where run {@code runId} stages its publication: marts/, reports/ and manifest.json. */
  public Path stagingDir(String runId) {
    return warehouse.resolve(".scratch").resolve(runId);
  }

  /** The folder of one publication. */
  public Path publicationDir(String period, String runId) {
    return warehouse.resolve("publications").resolve(period).resolve(runId);
  }

  /** The run id of the period's current publication, if it has one. */
  public Optional<String> currentRunId(String period) {
    Path link = warehouse.resolve("current").resolve(period);
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    try {
      String runId = Files.readSymbolicLink(link).getFileName().toString();
      return runId.equals(NONE) ? Optional.empty() : Optional.of(runId);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + link, e);
    }
  }

  /** The period's current publication, if any. */
  public Optional<Publication> current(String period) {
    return currentRunId(period).map(id -> read(period, id));
  }

  /** Every publication the period has had, newest first, following each one's predecessor. */
  public List<Publication> history(String period) {
    List<Publication> chain = new ArrayList<>();
    Optional<String> next = currentRunId(period);
    Set<String> seen = new HashSet<>();
    while (next.isPresent() && seen.add(next.get())) {
      Publication p = read(period, next.get());
      chain.add(p);
      next = Optional.ofNullable(p.previousRunId());
    }
    return chain;
  }

  /** Periods with a current publication, in order. */
  public List<String> periods() {
    Path current = warehouse.resolve("current");
    if (!Files.isDirectory(current)) {
      return List.of();
    }
    try (Stream<Path> links = Files.list(current)) {
      return links
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .filter(name -> currentRunId(name).isPresent())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + current, e);
    }
  }

  /**
   * Publishes the staged folder of {@code publication}: moves it to publications/, copies its
   * manifest to runs/, makes sure the fixed links exist, then switches current/&lt;P&gt; to it.
   */
  public void publish(Publication publication, Path staged, Checkpoint checkpoint) {
    String period = publication.period();
    String runId = publication.runId();
    try {
      checkpoint.reached("staged");
      publication.writeInto(staged);
      checkpoint.reached("publication.json written");
      Path target = publicationDir(period, runId);
      Files.createDirectories(target.getParent());
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      checkpoint.reached("moved into publications");
      Path runs = warehouse.resolve("runs");
      Path runTmp = runs.resolve("." + runId + ".tmp");
      Files.createDirectories(runTmp);
      Files.copy(target.resolve("manifest.json"), runTmp.resolve("manifest.json"));
      checkpoint.reached("manifest staged in runs");
      Files.move(runTmp, runs.resolve(runId), StandardCopyOption.ATOMIC_MOVE);
      checkpoint.reached("manifest in runs");
      List<String> marts = children(target.resolve("marts"));
      ensureFixedLinks(period, marts, checkpoint);
      Path current = warehouse.resolve("current").resolve(period);
      link(current, Path.of("..", "publications", period, runId));
      checkpoint.reached("switched");
      Path scratch = warehouse.resolve(".scratch");
      if (Files.isDirectory(scratch) && children(scratch).isEmpty()) {
        Files.delete(scratch);
      }
      checkpoint.reached("published");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot publish " + period + " into " + warehouse + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates, once per period and mart, the fixed links through current/&lt;P&gt;. A new period
   * first points at an empty publication, so no link ever dangles and none shows a partial period.
   */
  private void ensureFixedLinks(String period, List<String> marts, Checkpoint checkpoint)
      throws IOException {
    Path current = warehouse.resolve("current").resolve(period);
    if (!Files.isSymbolicLink(current)) {
      Path none = publicationDir(period, NONE);
      for (String mart : marts) {
        Files.createDirectories(none.resolve("marts").resolve(mart));
      }
      Files.createDirectories(none.resolve("reports"));
      checkpoint.reached("empty publication created");
      link(current, Path.of("..", "publications", period, NONE));
      checkpoint.reached("current linked to the empty publication");
    }
    for (String mart : marts) {
      Path fixed = warehouse.resolve("marts").resolve(mart).resolve("period=" + period);
      if (!Files.isSymbolicLink(fixed)) {
        refuseLegacy(fixed);
        Files.createDirectories(current.resolve("marts").resolve(mart));
        link(fixed, Path.of("..", "..", "current", period, "marts", mart));
        checkpoint.reached("linked marts/" + mart);
      }
    }
    Path reports = warehouse.resolve("reports").resolve(period);
    if (!Files.isSymbolicLink(reports)) {
      refuseLegacy(reports);
      link(reports, Path.of("..", "current", period, "reports"));
      checkpoint.reached("linked reports");
    }
  }

  private void refuseLegacy(Path fixed) {
    if (Files.exists(fixed, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalStateException(
          fixed
              + " is a folder, not a link: this warehouse was written by green 0.1;"
              + " publish into a new warehouse");
    }
  }

  /** Points {@code link} at {@code target} by renaming a fresh link over it (atomic). */
  private static void link(Path link, Path target) throws IOException {
    Files.createDirectories(link.getParent());
    Path tmp = link.resolveSibling("." + link.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, target);
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Deletes what runs that died left behind: staging folders, temporary links and manifests, and
   * publications that were never switched to. Returns one line per thing cleared.
   */
  public List<String> clearAbandoned() {
    List<String> cleared = new ArrayList<>();
    try {
      Path scratch = warehouse.resolve(".scratch");
      for (String run : children(scratch)) {
        deleteTree(scratch.resolve(run));
        cleared.add("unfinished staging of run " + run);
      }
      Path runs = warehouse.resolve("runs");
      for (String name : children(runs)) {
        if (name.startsWith(".")) {
          deleteTree(runs.resolve(name));
        }
      }
      deleteTmpLinks(warehouse.resolve("current"));
      deleteTmpLinks(warehouse.resolve("reports"));
      for (String mart : children(warehouse.resolve("marts"))) {
        deleteTmpLinks(warehouse.resolve("marts").resolve(mart));
      }
      Path publications = warehouse.resolve("publications");
      for (String period : children(publications)) {
        Set<String> live = new HashSet<>(List.of(NONE));
        history(period).forEach(p -> live.add(p.runId()));
        for (String run : children(publications.resolve(period))) {
          if (!live.contains(run)) {
            deleteTree(publications.resolve(period).resolve(run));
            deleteTree(runs.resolve(run));
            cleared.add("publication " + run + " of " + period + ", never switched to");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear abandoned runs in " + warehouse, e);
    }
    return cleared;
  }

  private Publication read(String period, String runId) {
    Path file = publicationDir(period, runId).resolve("reports/publication.json");
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> json =
          (Map<String, Object>) Json.read(Files.readString(file, StandardCharsets.UTF_8));
      return Publication.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static void deleteTmpLinks(Path dir) throws IOException {
    for (String name : children(dir)) {
      if (name.startsWith(".") && name.endsWith(".tmp")) {
        Files.deleteIfExists(dir.resolve(name));
      }
    }
  }

  /** Names in {@code dir}, sorted; empty when it does not exist. */
  private static List<String> children(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Deletes a failed run's staging folder, and its parent when that is left empty, to free what a
   * full disk needs; on failure leaves it to the next run's {@link #clearAbandoned}.
   */
  public static void discard(Path staging) {
    try {
      deleteTree(staging);
      try (var left = Files.list(staging.getParent())) {
        if (left.findAny().isEmpty()) {
          Files.delete(staging.getParent());
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the next run's clearAbandoned removes it
    }
  }

  /** Deletes a folder tree without following links. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
