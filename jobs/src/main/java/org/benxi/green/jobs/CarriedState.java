package org.benxi.green.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.indicators.IndicatorSeries;
import org.benxi.green.jobs.ingest.DropStore;
import org.benxi.green.jobs.ingest.StagingSchemas;
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
 * register, each enterprise's last reported month per source, and the last months' staged rows of
 * the largest monthly sources, with the fingerprint of the code, schemas, reference data and
 * catalog that made them), and the decision whether a run may carry it with the previous month's
 * marts or must rebuild in full.
 */
public final class CarriedState {
  /** The state folder inside a publication. */
  public static final String DIR = "state";

  /**
   * The folder inside the state of the staged rows of the sources that carry them ({@link
   * SourceSpec#carriesStagedMonths}): {@code staged/<source>/period=<YYYY-MM>/}.
   */
  public static final String STAGED = "staged";

  /**
   * How many months up to the period a state keeps staged: a month's drops often revise the month
   * before, and its warnings then read the month before that.
   */
  static final int STAGED_MONTHS = 3;

  /** A staged month's folder name, before the month. */
  private static final String PERIOD = "period=";

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
   * holds the base manifest's inputs by file; {@code stagedMonths} the months whose staged rows the
   * base state holds, by source.
   */
  public record Plan(
      String fullReason,
      Path base,
      org.apache.hadoop.fs.Path sparkBase,
      String baseRunId,
      List<DropStore.Drop> newDrops,
      RecomputedMonths months,
      Map<String, Manifest.Input> baseInputs,
      Map<String, SortedSet<String>> stagedMonths) {

    /** A full rebuild, for the given reason. */
    public static Plan full(String reason) {
      return new Plan(reason, null, null, null, List.of(), null, Map.of(), Map.of());
    }

    /** The months of monthly {@code spec}'s staged rows this run reads. */
    public SortedSet<String> readMonths(SourceSpec spec) {
      TreeSet<String> names = new TreeSet<>();
      spec.readMonths(months).forEach(m -> names.add(m.toString()));
      return names;
    }

    /** The months whose staged rows of {@code spec}'s source the base state holds. */
    public SortedSet<String> heldMonths(SourceSpec spec) {
      return stagedMonths.getOrDefault(spec.name(), Collections.emptySortedSet());
    }

    /** Of {@link #readMonths}, those read from the base state's staged rows. */
    public SortedSet<String> carriedMonths(SourceSpec spec) {
      TreeSet<String> carried = new TreeSet<>(readMonths(spec));
      carried.retainAll(heldMonths(spec));
      return carried;
    }

    /** Of {@link #readMonths}, those staged from every drop holding them. */
    public SortedSet<String> storeMonths(SourceSpec spec) {
      TreeSet<String> fromStore = new TreeSet<>(readMonths(spec));
      fromStore.removeAll(carriedMonths(spec));
      return fromStore;
    }

    /** The new drops' files, as the parsed rows name them. */
    public List<String> newFiles() {
      return newDrops.stream().map(d -> d.file().relativePath()).toList();
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
        baseInputs,
        heldStagedMonths(base.dir().resolve(DIR).resolve(STAGED)));
  }

  /** The months each source's staged rows in {@code staged} hold, by source. */
  private static Map<String, SortedSet<String>> heldStagedMonths(Path staged) {
    Map<String, SortedSet<String>> held = new LinkedHashMap<>();
    for (SourceSpec spec : SourceSpecs.all()) {
      Path dir = staged.resolve(spec.name());
      if (spec.carriesStagedMonths() && Files.isDirectory(dir)) {
        TreeSet<String> months = new TreeSet<>();
        try (var folders = Files.list(dir)) {
          folders
              .map(f -> f.getFileName().toString())
              .filter(n -> n.startsWith(PERIOD))
              .forEach(n -> months.add(n.substring(PERIOD.length())));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list " + dir, e);
        }
        held.put(spec.name(), Collections.unmodifiableSortedSet(months));
      }
    }
    return held;
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
    Map<String, SourceSchema> schemas = SourceSchema.shipped();
    Map<String, Dataset<Row>> staged = new LinkedHashMap<>();
    for (SourceSpec spec : SourceSpecs.all()) {
      SortedSet<String> months = plan.carriedMonths(spec);
      if (spec.carriesStagedMonths() && !months.isEmpty()) {
        staged.put(
            spec.name(),
            stagedRows(
                spark,
                state.resolve(STAGED).resolve(spec.name()),
                new org.apache.hadoop.fs.Path(sparkState, STAGED + "/" + spec.name()),
                months,
                schemas.get(spec.name())));
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
        staged,
        plan.months());
  }

  /**
   * A source's staged rows of {@code months} from a state's {@code staged/<source>} folder ({@code
   * dir} as the driver sees it, {@code sparkDir} as Spark reads it), in staged columns; a month
   * folder without files held no row.
   */
  private static Dataset<Row> stagedRows(
      SparkSession spark,
      Path dir,
      org.apache.hadoop.fs.Path sparkDir,
      SortedSet<String> months,
      SourceSchema schema) {
    StructType columns = StagingSchemas.staged(schema);
    List<String> withRows = new ArrayList<>();
    for (String month : months) {
      try (var files = Files.list(dir.resolve(PERIOD + month))) {
        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"))) {
          withRows.add(new org.apache.hadoop.fs.Path(sparkDir, PERIOD + month).toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the staged month " + dir + "/" + month, e);
      }
    }
    if (withRows.isEmpty()) {
      return spark.createDataFrame(List.of(), columns);
    }
    return spark
        .read()
        .schema(columns)
        .option("basePath", sparkDir.toString())
        .parquet(withRows.toArray(String[]::new))
        .select(Arrays.stream(columns.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Parsed rows an incremental run flags and stages, by source: every row of the drops {@link
   * #stagedDrops} selected, but for monthly sources only the new drops' rows and the rows of the
   * months staged from the store (the register is carried: its frame is empty).
   */
  public static Map<String, Dataset<Row>> stagingRows(
      SparkSession spark, DropStore store, List<DropStore.Drop> selected, Plan plan) {
    Map<String, Dataset<Row>> rows = store.parsed(spark, selected);
    Column isNew = col("file").isin(plan.newFiles().toArray());
    for (SourceSpec spec : SourceSpecs.all()) {
      if (spec.monthly()) {
        Object[] fromStore = plan.storeMonths(spec).toArray();
        rows.computeIfPresent(
            spec.name(), (s, parsed) -> parsed.filter(col("period").isin(fromStore).or(isNew)));
      }
    }
    return rows;
  }

  /**
   * The drops an incremental run reads: its new drops; for monthly sources, those holding a month
   * staged from the store; every drop of the other sources but the register.
   */
  public static List<DropStore.Drop> stagedDrops(List<DropStore.Drop> drops, Plan plan) {
    Set<String> newFiles = new HashSet<>(plan.newFiles());
    List<DropStore.Drop> selected = new ArrayList<>();
    for (DropStore.Drop d : drops) {
      SourceSpec spec = SourceSpecs.of(d.file().source());
      if (spec.register()) {
        continue;
      }
      Set<String> fromStore = spec.monthly() ? plan.storeMonths(spec) : null;
      if (fromStore == null
          || newFiles.contains(d.file().relativePath())
          || d.months().stream().anyMatch(fromStore::contains)) {
        selected.add(d);
      }
    }
    return selected;
  }

  /**
   * Writes one state table into {@code dir}/state/, {@code dir} being where Spark writes. An
   * incremental run's register is the base publication's, unchanged: its files are linked (on
   * another file system, copied), not written again. A table named {@code staged/<source>} is that
   * source's staged rows, of which the state keeps {@link #STAGED_MONTHS} months up to {@code
   * period}; see {@link #writeStaged}.
   */
  public static void write(
      org.apache.hadoop.fs.Path dir,
      Configuration conf,
      String name,
      Supplier<Dataset<Row>> table,
      Plan plan,
      YearMonth period) {
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(dir, DIR + "/" + name);
    try {
      if (name.startsWith(STAGED + "/")) {
        writeStaged(
            out, conf, SourceSpecs.of(name.substring(STAGED.length() + 1)), table, plan, period);
      } else if (plan.incremental() && name.equals("register")) {
        linkOrCopy(new org.apache.hadoop.fs.Path(plan.sparkBase(), DIR + "/register"), out, conf);
      } else {
        table.get().write().mode(SaveMode.ErrorIfExists).parquet(out.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the state " + out, e);
    }
  }

  /**
   * Writes {@code spec}'s staged rows of the last {@link #STAGED_MONTHS} months up to {@code
   * period} into {@code out}, one {@code period=} folder per month (empty when the month has no
   * row): a month the run did not restage is linked from the base state, one it restaged is
   * written, one it neither read nor found in the base state is left out.
   */
  private static void writeStaged(
      org.apache.hadoop.fs.Path out,
      Configuration conf,
      SourceSpec spec,
      Supplier<Dataset<Row>> table,
      Plan plan,
      YearMonth period)
      throws IOException {
    TreeSet<String> linked = new TreeSet<>();
    TreeSet<String> written = new TreeSet<>();
    for (int back = STAGED_MONTHS - 1; back >= 0; back--) {
      String month = period.minusMonths(back).toString();
      if (!plan.incremental()) {
        written.add(month);
      } else if (plan.heldMonths(spec).contains(month)
          && !plan.months().aggregates().contains(month)) {
        linked.add(month);
      } else if (plan.readMonths(spec).contains(month)) {
        written.add(month);
      }
    }
    table
        .get()
        .filter(col("period").isin(written.toArray()))
        .write()
        .partitionBy("period")
        .mode(SaveMode.ErrorIfExists)
        .parquet(out.toString());
    FileSystem fs = out.getFileSystem(conf);
    for (String month : written) {
      fs.mkdirs(new org.apache.hadoop.fs.Path(out, PERIOD + month));
    }
    for (String month : linked) {
      linkOrCopy(
          new org.apache.hadoop.fs.Path(
              plan.sparkBase(), DIR + "/" + STAGED + "/" + spec.name() + "/" + PERIOD + month),
          new org.apache.hadoop.fs.Path(out, PERIOD + month),
          conf);
    }
  }

  /**
   * Makes {@code to} hold the files of folder {@code from}: hard links on a local file system, a
   * copy on another.
   */
  private static void linkOrCopy(
      org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to, Configuration conf)
      throws IOException {
    if ("file".equals(to.toUri().getScheme())) {
      link(Path.of(from.toUri().getPath()), Path.of(to.toUri().getPath()));
    } else {
      FileSystem fs = to.getFileSystem(conf);
      if (!FileUtil.copy(fs, from, fs, to, false, conf)) {
        throw new IOException("cannot copy " + from);
      }
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
