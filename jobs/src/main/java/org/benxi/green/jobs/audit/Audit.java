package org.benxi.green.jobs.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.CarriedState;
import org.benxi.green.jobs.ComputedPeriod;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.publish.Manifest;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.publish.Warehouses;

/**
 * Recomputes a published period from the raw drops, in scratch space under the warehouse's .audit/
 * folder, and compares it with the publication: input files, then each mart's content hash (rows
 * when they differ), then the report files byte for byte (indicators row by row).
 */
public final class Audit {
  private static final int SAMPLE_ROWS = 5;
  private static final int MAX_ROW_TEXT = 240;

  private Audit() {}

  /** A mart whose content differs, with counts and a few rows found on one side only. */
  public record MartDiff(
      String mart,
      String problem,
      long onlyPublished,
      long onlyRecomputed,
      List<String> samplePublished,
      List<String> sampleRecomputed) {}

  /** The outcome of one audit. */
  public record Result(
      Publications.Publication publication,
      String asOf,
      int inputFiles,
      List<PublicationDiff.InputChange> inputs,
      int marts,
      List<MartDiff> martDiffs,
      List<String> reports,
      List<String> reportsDiffer,
      List<PublicationDiff.IndicatorChange> indicators,
      String computation) {

    /** True when inputs, marts and reports all match the publication. */
    public boolean identical() {
      return inputs.isEmpty() && martDiffs.isEmpty() && reportsDiffer.isEmpty();
    }
  }

  /** Audits the current publication of {@code config.period()}; as-of defaults to its own. */
  public static Result run(SparkSession spark, RunConfig config, ProgressLine progress) {
    List<Result> results = new ArrayList<>();
    runAll(spark, List.of(config), true, progress, results::add);
    return results.get(0);
  }

  /**
   * Audits the current publication of each config's period in turn, with one drop store for them
   * all: every raw file is parsed again, once, however many periods read it. The audit never trusts
   * the runs' own store or state. The first period is recomputed in full; unless {@code
   * eachInFull}, a period that follows the one audited just before carries the state of the audit's
   * own recomputation of it (never a publication's), as a monthly run would, and falls back to full
   * where a run would. Each result goes to {@code each} as soon as it is known.
   */
  public static void runAll(
      SparkSession spark,
      List<RunConfig> configs,
      boolean eachInFull,
      ProgressLine progress,
      java.util.function.Consumer<Result> each) {
    Path scratch = configs.get(0).warehousePath().resolve(".audit");
    Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Path ingest = scratch.resolve("audit-" + MonthlyRun.runId(started, "all") + "-ingest");
    Recomputed previous = null;
    try {
      for (RunConfig config : configs) {
        CarriedState.Base base =
            !eachInFull
                    && previous != null
                    && previous.period().equals(config.period().minusMonths(1))
                ? new CarriedState.Base(
                    previous.dir(), previous.auditId(), config.sparkPath(previous.dir()))
                : null;
        String fullReason =
            base != null
                ? null
                : eachInFull
                    ? "an audit recomputes every month from the raw drops"
                    : "an audit recomputes the first month of a run of months in full";
        Recomputed now = audit(spark, config, ingest, fullReason, base, progress);
        if (previous != null) {
          deleteTree(config, previous.dir());
        }
        previous = now;
        each.accept(now.result());
      }
    } finally {
      if (previous != null) {
        deleteTree(configs.get(0), previous.dir());
      }
      deleteTree(configs.get(0), ingest);
      deleteIfEmpty(configs.get(0), scratch);
    }
  }

  /** One period's recomputation, kept until the next period has carried its state. */
  private record Recomputed(YearMonth period, String auditId, Path dir, Result result) {}

  private static Recomputed audit(
      SparkSession spark,
      RunConfig config,
      Path ingest,
      String fullReason,
      CarriedState.Base base,
      ProgressLine progress) {
    Publications publications = new Publications(config.warehousePath());
    String period = config.period().toString();
    Publications.Publication publication =
        publications
            .current(period)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        period + " has no publication in " + config.warehouse()));
    LocalDate asOf = config.asOf() != null ? config.asOf() : LocalDate.parse(publication.asOf());
    RunConfig recompute =
        new RunConfig(
            config.dataRoot(), config.warehouse(), config.period(), asOf, config.spark(), 1.0);
    Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    String auditId = "audit-" + MonthlyRun.runId(started, period);
    Path dir = config.warehousePath().resolve(".audit").resolve(auditId);
    try {
      ComputedPeriod computed =
          MonthlyRun.compute(
              spark,
              recompute,
              auditId,
              started,
              dir,
              config.sparkPath(dir),
              config.sparkPath(ingest),
              false,
              fullReason,
              base,
              progress);
      Result result =
          compare(
              spark,
              publication,
              asOf.toString(),
              config.warehousePath().resolve("runs").resolve(publication.runId()),
              publications.publicationDir(period, publication.runId()),
              dir,
              computed.plan().incremental()
                  ? "carried from the audit's own recomputation of "
                      + config.period().minusMonths(1)
                      + "; recomputed months "
                      + String.join(", ", computed.plan().months().aggregates())
                  : "in full: " + computed.plan().fullReason(),
              config::sparkPath);
      return new Recomputed(config.period(), auditId, dir, result);
    } catch (RuntimeException e) {
      deleteTree(config, dir);
      throw e;
    }
  }

  /** The audit's findings as lines: a summary per part, the differences, then the verdict. */
  public static List<String> describe(Result r, IndicatorCatalog catalog, ReferenceData reference) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Audit of "
            + r.publication().period()
            + " against publication "
            + r.publication().runId()
            + " (as of "
            + r.asOf()
            + ")");
    lines.add("  computed " + r.computation());
    lines.add(
        r.inputs().isEmpty()
            ? "  inputs   " + r.inputFiles() + " files, every SHA-256 identical"
            : "  inputs   " + r.inputs().size() + " of the files differ:");
    r.inputs().forEach(c -> lines.add("    " + c.describe()));
    lines.add(
        r.martDiffs().isEmpty()
            ? "  marts    " + r.marts() + " of " + r.marts() + " content hashes identical"
            : "  marts    " + r.martDiffs().size() + " of " + r.marts() + " differ:");
    for (MartDiff d : r.martDiffs()) {
      if (d.problem() != null) {
        lines.add("    " + d.mart() + ": " + d.problem());
        continue;
      }
      lines.add(
          "    "
              + d.mart()
              + ": "
              + d.onlyPublished()
              + " rows only in the publication, "
              + d.onlyRecomputed()
              + " only in the recomputation");
      d.samplePublished().forEach(row -> lines.add("      - " + row));
      d.sampleRecomputed().forEach(row -> lines.add("      + " + row));
    }
    List<String> same = new ArrayList<>(r.reports());
    same.removeAll(r.reportsDiffer());
    lines.add(
        r.reportsDiffer().isEmpty()
            ? "  reports  " + String.join(", ", r.reports()) + " byte-identical"
            : "  reports  differ: "
                + String.join(", ", r.reportsDiffer())
                + (same.isEmpty() ? "" : "; identical: " + String.join(", ", same)));
    if (!r.indicators().isEmpty()) {
      lines.add("  indicators.csv rows that differ (publication → recomputation):");
      r.indicators().forEach(c -> lines.add("    " + c.describe(catalog, reference, false)));
    }
    lines.add(
        r.identical()
            ? "IDENTICAL: the recomputation reproduces the publication exactly."
            : "DIFFERENT: "
                + r.inputs().size()
                + " input file(s), "
                + r.martDiffs().size()
                + " mart(s) and "
                + r.reportsDiffer().size()
                + " report file(s) differ from the publication.");
    return lines;
  }

  /**
   * Compares a publication folder with a recomputed one; marts that differ are read by Spark where
   * {@code sparkPath} says the executors reach them.
   */
  static Result compare(
      SparkSession spark,
      Publications.Publication publication,
      String asOf,
      Path publishedRun,
      Path published,
      Path recomputed,
      String computation,
      Function<Path, org.apache.hadoop.fs.Path> sparkPath) {
    Manifest before = Manifest.read(publishedRun.resolve("manifest.json"));
    Manifest after = Manifest.read(recomputed.resolve("manifest.json"));
    Map<String, String> oldHashes = before.outputHashes();
    Map<String, String> newHashes = after.outputHashes();
    TreeSet<String> marts = new TreeSet<>(oldHashes.keySet());
    marts.addAll(newHashes.keySet());
    List<MartDiff> martDiffs = new ArrayList<>();
    for (String mart : marts) {
      if (!Objects.equals(oldHashes.get(mart), newHashes.get(mart))) {
        martDiffs.add(
            martDiff(
                spark,
                mart,
                published.resolve("marts/" + mart),
                recomputed.resolve("marts/" + mart),
                sparkPath));
      }
    }
    TreeSet<String> reports = new TreeSet<>(files(published.resolve("reports")));
    reports.addAll(files(recomputed.resolve("reports")));
    // publication.json names the run; the chart report is drawn from the marts compared above.
    reports.removeAll(List.of("publication.json", "index.html", "charts"));
    List<String> differ = new ArrayList<>();
    for (String report : reports) {
      if (!sameBytes(
          published.resolve("reports/" + report), recomputed.resolve("reports/" + report))) {
        differ.add(report);
      }
    }
    List<PublicationDiff.IndicatorChange> indicators =
        differ.contains("indicators.csv")
            ? PublicationDiff.indicators(
                published.resolve("reports/indicators.csv"),
                recomputed.resolve("reports/indicators.csv"),
                IndicatorCatalog.shipped().mainPlan().id())
            : List.of();
    return new Result(
        publication,
        asOf,
        after.inputs().size(),
        PublicationDiff.inputs(before, after),
        marts.size(),
        martDiffs,
        List.copyOf(reports),
        differ,
        indicators,
        computation);
  }

  private static MartDiff martDiff(
      SparkSession spark,
      String mart,
      Path published,
      Path recomputed,
      Function<Path, org.apache.hadoop.fs.Path> sparkPath) {
    if (!Files.isDirectory(published) || !Files.isDirectory(recomputed)) {
      String side = Files.isDirectory(published) ? "the recomputation" : "the publication";
      return new MartDiff(mart, "absent from " + side, 0, 0, List.of(), List.of());
    }
    Dataset<Row> old = spark.read().parquet(sparkPath.apply(published).toString());
    Dataset<Row> now = spark.read().parquet(sparkPath.apply(recomputed).toString());
    if (!old.schema().equals(now.schema())) {
      return new MartDiff(
          mart,
          "columns differ: published "
              + Arrays.toString(old.columns())
              + ", recomputed "
              + Arrays.toString(now.columns()),
          0,
          0,
          List.of(),
          List.of());
    }
    Dataset<Row> onlyOld = old.exceptAll(now);
    Dataset<Row> onlyNew = now.exceptAll(old);
    return new MartDiff(
        mart, null, onlyOld.count(), onlyNew.count(), sample(onlyOld), sample(onlyNew));
  }

  private static List<String> sample(Dataset<Row> rows) {
    String[] columns = rows.columns();
    return rows
        .orderBy(columns[0], Arrays.copyOfRange(columns, 1, columns.length))
        .limit(SAMPLE_ROWS)
        .collectAsList()
        .stream()
        .map(
            r -> {
              String text =
                  Arrays.stream(columns)
                      .map(c -> c + "=" + r.getAs(c))
                      .collect(Collectors.joining(", "));
              return text.length() > MAX_ROW_TEXT ? text.substring(0, MAX_ROW_TEXT) + "…" : text;
            })
        .toList();
  }

  private static List<String> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  private static boolean sameBytes(Path a, Path b) {
    try {
      return Files.isRegularFile(a) && Files.isRegularFile(b) && Files.mismatch(a, b) == -1;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot compare " + a + " with " + b, e);
    }
  }

  /** Deletes a scratch folder, and its counterpart where Spark wrote it when that is elsewhere. */
  private static void deleteTree(RunConfig config, Path root) {
    try {
      Publications.deleteTree(root);
      deleteWhereSparkWrote(config, root, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the audit's scratch folder " + root, e);
    }
  }

  /** Deletes the scratch folder, here and where Spark wrote, unless another audit is using it. */
  private static void deleteIfEmpty(RunConfig config, Path dir) {
    try {
      if (Files.isDirectory(dir) && files(dir).isEmpty()) {
        Files.delete(dir);
      }
      deleteWhereSparkWrote(config, dir, false);
    } catch (IOException e) {
      // another audit is using it
    }
  }

  /**
   * Deletes the warehouse's copy of {@code dir} on HDFS or S3 (a local warehouse has none); without
   * {@code recursive}, only when empty.
   */
  private static void deleteWhereSparkWrote(RunConfig config, Path dir, boolean recursive)
      throws IOException {
    if (config.remoteWarehouse()) {
      org.apache.hadoop.fs.Path remote = config.sparkPath(dir);
      var fs = remote.getFileSystem(Warehouses.hadoopConf());
      if (recursive || (fs.exists(remote) && fs.listStatus(remote).length == 0)) {
        fs.delete(remote, recursive);
      }
    }
  }
}
