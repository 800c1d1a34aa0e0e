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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.audit.PublicationDiff;
import org.benxi.green.jobs.indicators.IndicatorSeries;
import org.benxi.green.jobs.ingest.DropStore;
import org.benxi.green.jobs.ingest.StageJob;
import org.benxi.green.jobs.marts.EnergyMarts;
import org.benxi.green.jobs.marts.FactMarts;
import org.benxi.green.jobs.marts.LineEfficiency;
import org.benxi.green.jobs.marts.MonthSpine;
import org.benxi.green.jobs.marts.ProgramStarts;
import org.benxi.green.jobs.marts.ReferenceFrames;
import org.benxi.green.jobs.marts.Scopes;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.Publications;
import org.benxi.green.jobs.quality.DataQuality;

/**
 * The state each publication leaves in its {@code state/} folder for the next month (the staged
 * register and each enterprise's last reported month per source, with the fingerprint of the code,
 * schemas, reference data and catalog that made them), and the decision whether a run may carry it
 * with the previous month's marts or must rebuild in full.
 */
public final class CarriedState {
  /** The state folder inside a publication. */
  public static final String DIR = "state";

  private static final List<Class<?>> COMPUTING_CLASSES =
      List.of(
          MonthlyJob.class,
          CarriedState.class,
          RecomputedMonths.class,
          StageJob.class,
          EnergyMarts.class,
          FactMarts.class,
          LineEfficiency.class,
          IndicatorSeries.class,
          DataQuality.class,
          ProgramStarts.class,
          ReferenceFrames.class,
          MonthSpine.class,
          Scopes.class);

  private CarriedState() {}

  /**
   * How a run computes: in full (with the reason), or from the previous month's publication plus
   * its new drops, recomputing the months they touch. {@code baseInputs} holds the base manifest's
   * inputs by file.
   */
  public record Plan(
      String fullReason,
      Path base,
      String baseRunId,
      List<DropStore.Drop> newDrops,
      RecomputedMonths months,
      Map<String, Map<String, Object>> baseInputs) {

    /** A full rebuild, for the given reason. */
    public static Plan full(String reason) {
      return new Plan(reason, null, null, List.of(), null, Map.of());
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
    public Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("mode", incremental() ? "incremental" : "full");
      if (incremental()) {
        json.put("base_run", baseRunId);
        json.put("new_files", newDrops.stream().map(d -> d.file().relativePath()).toList());
        json.put("recomputed_months", new ArrayList<>(months.aggregates()));
      } else {
        json.put("reason", fullReason);
      }
      return json;
    }
  }

  /** The fingerprint a publication's state must carry to be used by this code and data. */
  public static String fingerprint(DropStore store, IndicatorCatalog catalog) {
    return Fingerprint.of(COMPUTING_CLASSES, List.of(store.parser(), catalog));
  }

  /**
   * Carries the current publication of the month before {@code period} when its state has this
   * fingerprint, every file it read is still visible with the same content, and the new drops
   * neither touch the enterprise register nor land in a drop folder it had read. Otherwise the run
   * rebuilds in full, and the plan says why.
   */
  public static Plan plan(
      Path warehouse, YearMonth period, List<DropStore.Drop> drops, String fingerprint) {
    Publications publications = new Publications(warehouse);
    String previous = period.minusMonths(1).toString();
    var baseRun = publications.currentRunId(previous).filter(id -> !id.equals(Publications.NONE));
    if (baseRun.isEmpty()) {
      return Plan.full(previous + " has no publication to carry state from");
    }
    Path base = publications.publicationDir(previous, baseRun.get());
    Path stateFile = base.resolve(DIR).resolve("state.json");
    if (!Files.isRegularFile(stateFile)) {
      return Plan.full("the publication of " + previous + " holds no carried state");
    }
    if (!fingerprint.equals(PublicationDiff.readJson(stateFile).get("fingerprint"))) {
      return Plan.full(
          previous + " was computed by other code, schemas, reference data or indicator catalog");
    }
    Map<String, Map<String, Object>> baseInputs = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inputs =
        (List<Map<String, Object>>)
            PublicationDiff.readJson(base.resolve("manifest.json")).get("inputs");
    inputs.forEach(i -> baseInputs.put((String) i.get("file"), i));
    Map<String, DropStore.Drop> visible = new LinkedHashMap<>();
    drops.forEach(d -> visible.put(d.file().relativePath(), d));
    Set<String> baseFolders = new HashSet<>();
    for (Map<String, Object> input : baseInputs.values()) {
      String file = (String) input.get("file");
      DropStore.Drop now = visible.get(file);
      if (now == null) {
        return Plan.full(file + ", read by the " + previous + " run, is not visible now");
      }
      if (!now.sha256().equals(input.get("sha256"))) {
        return Plan.full(file + " changed since the " + previous + " run read it");
      }
      baseFolders.add(input.get("source") + "/" + input.get("received"));
    }
    List<DropStore.Drop> newDrops = new ArrayList<>();
    TreeSet<YearMonth> touched = new TreeSet<>();
    for (DropStore.Drop d : drops) {
      if (baseInputs.containsKey(d.file().relativePath())) {
        continue;
      }
      if (d.file().source().equals("enterprises")) {
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
        null, base, baseRun.get(), newDrops, new RecomputedMonths(period, touched), baseInputs);
  }

  /** The base publication's state and history marts, with the months this run recomputes. */
  public static MonthlyJob.Carried read(SparkSession spark, Plan plan) {
    Path marts = plan.base().resolve("marts");
    Path state = plan.base().resolve(DIR);
    return new MonthlyJob.Carried(
        parquet(spark, state.resolve("register")),
        parquet(spark, state.resolve("last_reported")),
        parquet(spark, marts.resolve("energy_sector_month")),
        parquet(spark, marts.resolve("solid_waste_county_month")),
        parquet(spark, marts.resolve("indicator_series")),
        parquet(spark, marts.resolve("warnings")),
        parquet(spark, marts.resolve("quarantine")),
        parquet(spark, marts.resolve("data_quality")),
        parquet(spark, marts.resolve("data_quality_reasons")),
        plan.months());
  }

  /**
   * Parsed rows staging reads in an incremental run: for monthly sources, the drops holding the
   * months it reads, narrowed to those months; every drop of the other sources but the register,
   * which is carried.
   */
  public static Map<String, Dataset<Row>> stagingRows(
      SparkSession spark,
      DropStore store,
      List<DropStore.Drop> drops,
      RecomputedMonths months,
      Map<String, SourceSchema> schemas) {
    Map<String, Set<String>> read = new LinkedHashMap<>();
    schemas.forEach((name, schema) -> read.put(name, schema.monthly() ? months.read(name) : null));
    List<DropStore.Drop> selected = new ArrayList<>();
    for (DropStore.Drop d : drops) {
      Set<String> needed = read.get(d.file().source());
      if (!d.file().source().equals("enterprises")
          && (needed == null || d.months().stream().anyMatch(needed::contains))) {
        selected.add(d);
      }
    }
    Map<String, Dataset<Row>> rows = new LinkedHashMap<>(store.parsed(spark, selected));
    read.forEach(
        (source, needed) -> {
          if (needed != null) {
            rows.put(source, rows.get(source).filter(col("period").isin(needed.toArray())));
          }
        });
    return rows;
  }

  /** Writes the state tables and their fingerprint into {@code dir}/state/. */
  public static void write(Path dir, Map<String, Dataset<Row>> state, String fingerprint) {
    Path target = dir.resolve(DIR);
    state.forEach(
        (name, table) ->
            table.write().mode(SaveMode.ErrorIfExists).parquet(target.resolve(name).toString()));
    try {
      Files.writeString(
          target.resolve("state.json"), Json.write(Map.of("fingerprint", fingerprint)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target.resolve("state.json"), e);
    }
  }

  private static Dataset<Row> parquet(SparkSession spark, Path dir) {
    return spark.read().parquet(dir.toString());
  }
}
