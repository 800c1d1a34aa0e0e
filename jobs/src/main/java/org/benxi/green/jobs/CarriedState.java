package org.benxi.green.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.jobs.indicators.IndicatorSeries;
import org.benxi.green.jobs.ingest.DropStore;
import org.benxi.green.jobs.marts.MartSpec;
import org.benxi.green.jobs.marts.MartSpecs;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.Manifest;
import org.benxi.green.jobs.publish.MartWriter;
import org.benxi.green.jobs.publish.ParquetRows;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.sources.SourceSpec;
import org.benxi.green.jobs.sources.SourceSpecs;

/**
 * The state each publication leaves in its {@code state/} folder for the next month (the staged
 * register and each enterprise's last reported month per source, with the fingerprint of the code,
 * schemas, reference data and catalog that made them), and the decision whether a run may carry it
 * with the previous month's marts or must rebuild in full.
 */
public final class CarriedState {
  /** The state folder inside a publication. */
  public static final String DIR = "state";

  /**
   * The classes whose code decides a carried value: every project class that the transform, the
   * state, the mart writer or the file tally can run ({@link Fingerprint#reachableFrom}).
   */
  private static final List<Class<?>> COMPUTING_CLASSES = computingClasses();

  /** The classes the computing fingerprint covers. */
  static List<Class<?>> computingClasses() {
    return Fingerprint.reachableFrom(
        List.of(MonthlyJob.class, CarriedState.class, MartWriter.class, FileTally.class));
  }

  private CarriedState() {}

  /**
   * How a run computes: in full (with the reason), or from the previous month's publication plus
   * its new drops, recomputing the months they touch. {@code base} is the base publication's folder
   * the driver reads, {@code sparkBase} the same folder where Spark reads it; {@code baseInputs}
   * holds the base manifest's inputs by file.
   */
  public record Plan(
      String fullReason,
      Path base,
      org.apache.hadoop.fs.Path sparkBase,
      String baseRunId,
      List<DropStore.Drop> newDrops,
      RecomputedMonths months,
      Map<String, Manifest.Input> baseInputs) {

    /** A full rebuild, for the given reason. */
    public static Plan full(String reason) {
      return new Plan(reason, null, null, null, List.of(), null, Map.of());
    }

    /** True when the run carries state from {@link #base}. */
    public boolean incremental() {
      return base != null;
    }

    /** One line for the terminal. */
    public String describe() {
      return incremental()
          ? "Incremental: carried run "
              + baseRunId
              + "; "
              + newDrops.size()
              + " new drop files; recomputed months "
              + String.join(", ", months.aggregates())
          : "Full rebuild: " + fullReason;
    }

    /** The manifest's {@code computation} entry. */
    public Manifest.Computation computation() {
      return incremental()
          ? new Manifest.Computation(
              "incremental",
              baseRunId,
              newDrops.stream().map(d -> d.file().relativePath()).toList(),
              new ArrayList<>(months.aggregates()),
              null)
          : new Manifest.Computation("full", null, null, null, fullReason);
    }
  }

  /** The fingerprint a publication's state must carry to be used by this code and data. */
  public static String fingerprint(DropStore store, IndicatorCatalog catalog) {
    return Fingerprint.of(COMPUTING_CLASSES, List.of(store.parser(), catalog));
  }

  /**
   * A computed month whose state a run may carry: its folder as the driver reads it, its run id,
   * and its folder as Spark reads it (the same folder for a local warehouse).
   */
  public record Base(Path dir, String runId, org.apache.hadoop.fs.Path sparkDir) {}

  /**
   * Carries the current publication of the month before {@code period} when its state has this
   * fingerprint, every file it read is still visible with the same content, and the new drops
   * neither touch the enterprise register nor land in a drop folder it had read. Otherwise the run
   * rebuilds in full, and the plan says why.
   */
  public static Plan plan(RunConfig config, List<DropStore.Drop> drops, String fingerprint) {
    YearMonth period = config.period();
    Publications publications = new Publications(config.warehousePath());
    String previous = period.minusMonths(1).toString();
    var baseRun = publications.currentRunId(previous).filter(id -> !id.equals(Publications.NONE));
    if (baseRun.isEmpty()) {
      return Plan.full(previous + " has no publication to carry state from");
    }
    Path dir = publications.publicationDir(previous, baseRun.get());
    return plan(new Base(dir, baseRun.get(), config.sparkPath(dir)), period, drops, fingerprint);
  }

  /**
   * The same decision with {@code base}, a computation of the month before {@code period} (a
   * publication, or an audit's own recomputation), as the state to carry.
   */
  public static Plan plan(
      Base base, YearMonth period, List<DropStore.Drop> drops, String fingerprint) {
    String previous = period.minusMonths(1).toString();
    Path stateFile = base.dir().resolve(DIR).resolve("state.json");
    if (!Files.isRegularFile(stateFile)) {
      return Plan.full("the publication of " + previous + " holds no carried state");
    }
    if (!fingerprint.equals(Json.readObject(stateFile).get("fingerprint"))) {
      return Plan.full(
          previous + " was computed by other code, schemas, reference data or indicator catalog");
    }
    Map<String, Manifest.Input> baseInputs =
        Manifest.read(base.dir().resolve("manifest.json")).inputsByFile();
    Map<String, DropStore.Drop> visible = new LinkedHashMap<>();
    drops.forEach(d -> visible.put(d.file().relativePath(), d));
    Set<String> baseFolders = new HashSet<>();
    for (Manifest.Input input : baseInputs.values()) {
      String file = input.file();
      DropStore.Drop now = visible.get(file);
      if (now == null) {
        return Plan.full(file + ", read by the " + previous + " run, is not visible now");
      }
      if (!now.sha256().equals(input.sha256())) {
        return Plan.full(file + " changed since the " + previous + " run read it");
      }
      baseFolders.add(input.source() + "/" + input.received());
    }
    List<DropStore.Drop> newDrops = new ArrayList<>();
    TreeSet<YearMonth> touched = new TreeSet<>();
    for (DropStore.Drop d : drops) {
      if (baseInputs.containsKey(d.file().relativePath())) {
        continue;
      }
      if (SourceSpecs.of(d.file().source()).register()) {
        return Plan.full("the enterprise register has a new drop, " + d.file().relativePath());
      }
      if (baseFolders.contains(d.file().source() + "/" + d.file().received())) {
        return Plan.full(
            d.file().relativePath() + " landed in a drop folder the " + previous + " run had read");
      }
      newDrops.add(d);
      d.months().forEach(m -> touched.add(YearMonth.parse(m)));
    }
    return new Plan(
        null,
        base.dir(),
        base.sparkDir(),
        base.runId(),
        newDrops,
        new RecomputedMonths(period, touched),
        baseInputs);
  }

  /** The base publication's state and history marts, with the months this run recomputes. */
  public static MonthlyJob.Carried read(SparkSession spark, Plan plan) {
    Path marts = plan.base().resolve("marts");
    Path state = plan.base().resolve(DIR);
    org.apache.hadoop.fs.Path sparkMarts = new org.apache.hadoop.fs.Path(plan.sparkBase(), "marts");
    org.apache.hadoop.fs.Path sparkState = new org.apache.hadoop.fs.Path(plan.sparkBase(), DIR);
    List<Row> series = new ArrayList<>();
    for (Row r : ParquetRows.read(marts.resolve("indicator_series")).rows()) {
      series.add(
          new GenericRowWithSchema(
              new Object[] {
                r.getAs("indicator_id"),
                r.getAs("scope"),
                r.getAs("month"),
                r.getAs("value"),
                r.getAs("ttm_value"),
                r.getAs("missing_reason")
              },
              IndicatorSeries.SCHEMA));
    }
    Map<String, Dataset<Row>> carried = new LinkedHashMap<>();
    for (MartSpec spec : MartSpecs.all()) {
      if (spec.carried()) {
        carried.put(
            spec.name(),
            ParquetRows.spark(
                spark,
                marts.resolve(spec.name()),
                new org.apache.hadoop.fs.Path(sparkMarts, spec.name())));
      }
    }
    return new MonthlyJob.Carried(
        ParquetRows.spark(
            spark,
            state.resolve("register"),
            new org.apache.hadoop.fs.Path(sparkState, "register")),
        ParquetRows.spark(
            spark,
            state.resolve("last_reported"),
            new org.apache.hadoop.fs.Path(sparkState, "last_reported")),
        carried,
        series,
        plan.months());
  }

  /**
   * Parsed rows staging reads in an incremental run, by source: the rows of the drops {@link
   * #stagedDrops} selected, monthly sources narrowed to the months it reads (the register is
   * carried: its frame is empty).
   */
  public static Map<String, Dataset<Row>> stagingRows(
      SparkSession spark, DropStore store, List<DropStore.Drop> selected, RecomputedMonths months) {
    Map<String, Set<String>> read = readMonths(months);
    Map<String, Dataset<Row>> rows = store.parsed(spark, selected);
    read.forEach(
        (source, names) ->
            rows.computeIfPresent(
                source, (s, parsed) -> parsed.filter(col("period").isin(names.toArray()))));
    return rows;
  }

  /**
   * The drops an incremental run stages besides its new ones: for monthly sources, those holding a
   * month it reads; every drop of the other sources but the register.
   */
  public static List<DropStore.Drop> stagedDrops(
      List<DropStore.Drop> drops, RecomputedMonths months) {
    Map<String, Set<String>> read = readMonths(months);
    List<DropStore.Drop> selected = new ArrayList<>();
    for (DropStore.Drop d : drops) {
      Set<String> needed = read.get(d.file().source());
      if (!SourceSpecs.of(d.file().source()).register()
          && (needed == null || d.months().stream().anyMatch(needed::contains))) {
        selected.add(d);
      }
    }
    return selected;
  }

  /** The months each monthly source is read for, by source. */
  private static Map<String, Set<String>> readMonths(RecomputedMonths months) {
    Map<String, Set<String>> read = new LinkedHashMap<>();
    for (SourceSpec spec : SourceSpecs.all()) {
      if (spec.monthly()) {
        Set<String> names = new TreeSet<>();
        spec.readMonths(months).forEach(m -> names.add(m.toString()));
        read.put(spec.name(), names);
      }
    }
    return read;
  }

  /**
   * Writes one state table into {@code dir}/state/, {@code dir} being where Spark writes. An
   * incremental run's register is the base publication's, unchanged: its files are linked (on
   * another file system, copied), not written again.
   */
  public static void write(
      org.apache.hadoop.fs.Path dir,
      Configuration conf,
      String name,
      Supplier<Dataset<Row>> table,
      Plan plan) {
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(dir, DIR + "/" + name);
    try {
      if (plan.incremental() && name.equals("register")) {
        org.apache.hadoop.fs.Path from =
            new org.apache.hadoop.fs.Path(plan.sparkBase(), DIR + "/register");
        if ("file".equals(out.toUri().getScheme())) {
          link(Path.of(from.toUri().getPath()), Path.of(out.toUri().getPath()));
        } else {
          FileSystem fs = out.getFileSystem(conf);
          if (!FileUtil.copy(fs, from, fs, out, false, conf)) {
            throw new IOException("cannot copy " + from);
          }
        }
      } else {
        table.get().write().mode(SaveMode.ErrorIfExists).parquet(out.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the state " + out, e);
    }
  }

  /** Writes the fingerprint the state was computed under into {@code dir}/state/state.json. */
  public static void writeFingerprint(Path dir, String fingerprint) {
    Path target = dir.resolve(DIR).resolve("state.json");
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, Json.write(Map.of("fingerprint", fingerprint)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
  }

  /** Hard-links every file of {@code from} into a new folder {@code to}. */
  private static void link(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.createLink(to.resolve(f.getFileName()), f);
      }
    }
  }
}
