package org.benxi.green.jobs;

import static org.apache.spark.sql.functions.col;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.indicators.IndicatorSeries;
import org.benxi.green.jobs.indicators.ProgressJob;
import org.benxi.green.jobs.ingest.ParseJob;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.ingest.StageJob;
import org.benxi.green.jobs.marts.EnergyMarts;
import org.benxi.green.jobs.marts.FactMarts;
import org.benxi.green.jobs.marts.LineEfficiency;
import org.benxi.green.jobs.marts.MonthSpine;
import org.benxi.green.jobs.marts.MonthlyInputs;
import org.benxi.green.jobs.marts.ProgramStarts;
import org.benxi.green.jobs.marts.ReferenceFrames;
import org.benxi.green.jobs.marts.Scopes;
import org.benxi.green.jobs.quality.DataQuality;

/**
 * The monthly run as a pure transform: raw files of every source in, every mart of the period out
 * (plus the parsed rows that the manifest counts). No I/O; {@link MonthlyRun} does that.
 */
public final class MonthlyJob {
  private MonthlyJob() {}

  /** Staging of every source: parsed rows, flagged rows, staged rows and the quarantine. */
  public record Staging(
      Map<String, Dataset<Row>> parsed,
      Map<String, Dataset<Row>> flagged,
      MonthlyInputs inputs,
      Dataset<Row> rejects) {}

  /**
   * Parses every source straight from its raw files (no store): {@code validate} and tests. Sources
   * without files get empty frames.
   */
  public static Map<String, Dataset<Row>> parse(
      SparkSession spark,
      List<SourceFile> files,
      Map<String, SourceSchema> schemas,
      ReferenceData reference) {
    Map<String, String> hadoop =
        ParseJob.settings(spark.sparkContext().hadoopConfiguration(), files);
    Map<String, Dataset<Row>> parsed = new LinkedHashMap<>();
    for (Map.Entry<String, SourceSchema> e : schemas.entrySet()) {
      List<SourceFile> mine = files.stream().filter(f -> f.source().equals(e.getKey())).toList();
      parsed.put(
          e.getKey(),
          ParseJob.transform(ParseJob.files(spark, mine, Map.of()), e.getValue(), reference, hadoop)
              .drop("sha256"));
    }
    return parsed;
  }

  /**
   * What a run carries from the previous month's publication instead of rescanning history (see
   * {@link CarriedState}): the staged register, each enterprise's last reported month, and the
   * history marts, of which it replaces only the recomputed months.
   */
  public record Carried(
      Dataset<Row> register,
      Dataset<Row> lastReported,
      Dataset<Row> energySectorMonth,
      Dataset<Row> wasteCountyMonth,
      Dataset<Row> indicatorSeries,
      Dataset<Row> warnings,
      Dataset<Row> quarantine,
      Dataset<Row> dataQuality,
      Dataset<Row> dataQualityReasons,
      RecomputedMonths months) {}

  /** Every mart of a period, and the state the next month's run carries (by name). */
  public record Publication(Map<String, Dataset<Row>> marts, Map<String, Dataset<Row>> state) {}

  /**
   * Stages every source from its parsed rows ({@link #parse}, or the {@code DropStore}): flags,
   * keeps the latest drop per key, and gathers the quarantine.
   */
  public static Staging stage(
      Map<String, Dataset<Row>> parsedBySource,
      Map<String, SourceSchema> schemas,
      ProgressLine progress) {
    Map<String, Dataset<Row>> parsed = new LinkedHashMap<>();
    parsedBySource.forEach(
        (source, rows) -> parsed.put(source, rows.persist(StorageLevel.MEMORY_AND_DISK())));
    Dataset<Row> registerFlags =
        materialize(StageJob.flag(parsed.get("enterprises"), schemas.get("enterprises"), null));
    Dataset<Row> register = materialize(StageJob.latest(registerFlags, schemas.get("enterprises")));
    return stageSources(parsed, parsed, registerFlags, register, schemas, progress);
  }

  /**
   * Stages an incremental run: flags the rows of its new drops (which the manifest and quarantine
   * count), and stages each source from {@code forStaging}, the rows of the recomputed months of
   * monthly sources and every row of the small ones, against the carried register.
   */
  public static Staging stageIncrementally(
      Map<String, Dataset<Row>> newRows,
      Map<String, Dataset<Row>> forStaging,
      Dataset<Row> register,
      Map<String, SourceSchema> schemas,
      ProgressLine progress) {
    Dataset<Row> registerFlags =
        StageJob.flag(newRows.get("enterprises"), schemas.get("enterprises"), null);
    return stageSources(newRows, forStaging, registerFlags, register, schemas, progress);
  }

  /**
   * Flags {@code counted} (the rows this run reports on) and stages {@code forStaging}; where a
   * source's two frames are the same object, its flags serve both.
   */
  private static Staging stageSources(
      Map<String, Dataset<Row>> counted,
      Map<String, Dataset<Row>> forStaging,
      Dataset<Row> registerFlags,
      Dataset<Row> register,
      Map<String, SourceSchema> schemas,
      ProgressLine progress) {
    Map<String, Dataset<Row>> staged = new LinkedHashMap<>();
    Map<String, Dataset<Row>> flagged = new LinkedHashMap<>();
    staged.put("enterprises", register);
    flagged.put("enterprises", registerFlags);
    Dataset<Row> rejects = StageJob.rejects(registerFlags, schemas.get("enterprises"));
    int done = 1;
    progress.update("staging", done, schemas.size());
    for (String source : schemas.keySet()) {
      if (source.equals("enterprises")) {
        continue;
      }
      SourceSchema schema = schemas.get(source);
      Dataset<Row> flags = materialize(StageJob.flag(counted.get(source), schema, register));
      flagged.put(source, flags);
      Dataset<Row> stagingFlags =
          forStaging.get(source) == counted.get(source)
              ? flags
              : StageJob.flag(forStaging.get(source), schema, register);
      Dataset<Row> latest = StageJob.latest(stagingFlags, schema);
      if (source.equals("programs")) {
        latest = ProgramStarts.transform(latest, stagingFlags);
      }
      staged.put(source, latest.persist(StorageLevel.MEMORY_AND_DISK()));
      rejects = rejects.unionByName(StageJob.rejects(flags, schema));
      progress.update("staging", ++done, schemas.size());
    }
    progress.finish("staging", schemas.size() + " sources validated and staged");
    MonthlyInputs inputs =
        new MonthlyInputs(
            register,
            staged.get("energy"),
            staged.get("solid_waste"),
            staged.get("green_factories"),
            staged.get("power_plants"),
            staged.get("forest"),
            staged.get("economy"),
            staged.get("production_lines"),
            staged.get("programs"));
    return new Staging(counted, flagged, inputs, materialize(rejects));
  }

  /** Parses and stages every source, then computes every mart of {@code period}, by mart name. */
  public static Map<String, Dataset<Row>> transform(
      SparkSession spark,
      List<SourceFile> files,
      Map<String, SourceSchema> schemas,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period,
      ProgressLine progress) {
    Staging staging = stage(parse(spark, files, schemas, reference), schemas, progress);
    return publication(spark, staging, reference, catalog, period, null, progress).marts();
  }

  /**
   * Every mart of the period, including quarantine and data quality, and the state to carry, from a
   * staging; with {@code carried} (else {@code null}), only the recomputed months are computed.
   */
  public static Publication publication(
      SparkSession spark,
      Staging staging,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period,
      Carried carried,
      ProgressLine progress) {
    MonthlyInputs in = staging.inputs();
    Map<String, Dataset<Row>> marts =
        marts(spark, in, reference, catalog, period, carried, progress);
    Dataset<Row> warnings = DataQuality.warnings(spark, in, reference);
    Dataset<Row> reported = DataQuality.reported(in);
    Dataset<Row> quarantine = staging.rejects();
    if (carried != null) {
      // Small sources' warnings are all fresh; monthly sources' for the recomputed months only.
      Column isMonthly = col("source").isin(DataQuality.MONTHLY_REPORTING.toArray());
      warnings =
          patch(
              warnings,
              carried.warnings(),
              isMonthly.unary_$bang().or(inMonths(carried.months().warnings())));
      reported = reported.unionByName(carried.lastReported());
      quarantine = quarantine.unionByName(carried.quarantine());
    }
    warnings = materialize(warnings);
    Dataset<Row> missing =
        materialize(DataQuality.missingReporters(reported, in.enterprises(), reference, period));
    Dataset<Row> rowsRead =
        materialize(DataQuality.rowsRead(staging.flagged(), in.enterprises(), reference));
    Dataset<Row> readCounts = DataQuality.readCounts(rowsRead);
    Dataset<Row> rejectCounts = DataQuality.rejectCounts(rowsRead);
    if (carried != null) {
      readCounts = DataQuality.mergeReadCounts(readCounts, carried.dataQuality());
      rejectCounts = DataQuality.mergeRejectCounts(rejectCounts, carried.dataQualityReasons());
    }
    marts.put("quarantine", quarantine);
    marts.put("warnings", warnings);
    marts.put("missing_reporters", missing);
    marts.put("data_quality", DataQuality.summary(readCounts, warnings, missing));
    marts.put("data_quality_reasons", DataQuality.reasons(rejectCounts, warnings));
    Map<String, Dataset<Row>> state = new LinkedHashMap<>();
    state.put("register", in.enterprises());
    state.put("last_reported", DataQuality.lastReported(reported, period));
    return new Publication(marts, state);
  }

  /**
   * The rows of {@code fresh} that {@code recomputed} holds for, and the other rows of {@code
   * carried} (a published mart, whose {@code month} is read as {@code period}).
   */
  private static Dataset<Row> patch(Dataset<Row> fresh, Dataset<Row> carried, Column recomputed) {
    return fresh
        .filter(recomputed)
        .unionByName(carried.withColumnRenamed("month", "period").filter(recomputed.unary_$bang()));
  }

  /** True for the rows whose {@code period} is one of {@code months}. */
  private static Column inMonths(java.util.Set<String> months) {
    return col("period").isin(months.toArray());
  }

  /**
   * Computes a small intermediate once and cuts its lineage, so that the many small plans built on
   * it stay short; Spark's fixed cost per stage dominates at city size.
   */
  static Dataset<Row> materialize(Dataset<Row> df) {
    return df.localCheckpoint(true);
  }

  /** The marts and staged sources the indicator formulas read, for months up to the period. */
  public static IndicatorSeries.Context context(
      SparkSession spark,
      MonthlyInputs in,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period) {
    return context(spark, in, reference, catalog, period, null);
  }

  /**
   * The indicator formulas' inputs; with {@code carried}, waste by county and month is carried
   * outside the recomputed months, and line windows are computed for the recomputed ones only.
   */
  private static IndicatorSeries.Context context(
      SparkSession spark,
      MonthlyInputs in,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period,
      Carried carried) {
    String p = period.toString();
    Dataset<Row> spine = MonthSpine.of(spark, catalog.seriesStart(), period).cache();
    Dataset<Row> waste =
        FactMarts.wasteCountyMonth(
            in.solidWaste(), ReferenceFrames.wasteCategories(spark, reference), p);
    Dataset<Row> lineSpine = spine;
    if (carried != null) {
      waste = patch(waste, carried.wasteCountyMonth(), inMonths(carried.months().aggregates()));
      lineSpine = spine.filter(inMonths(carried.months().lineWindows()));
    }
    waste = materialize(waste);
    Dataset<Row> power =
        materialize(
            FactMarts.powerCapacity(
                in.powerPlants(), spine, ReferenceFrames.powerSources(spark, reference)));
    Dataset<Row> lineMonths =
        materialize(
            LineEfficiency.trailing12(
                in.productionLines(),
                in.enterprises(),
                lineSpine,
                ReferenceFrames.benchmarks(spark, reference)));
    return new IndicatorSeries.Context(
        spine,
        Scopes.frame(spark, reference),
        in.enterprises(),
        waste,
        in.greenFactories(),
        power,
        in.forest(),
        in.economy(),
        lineMonths,
        in.programs(),
        reference);
  }

  /** Every mart of the period from staged inputs (and carried state, when not {@code null}). */
  private static Map<String, Dataset<Row>> marts(
      SparkSession spark,
      MonthlyInputs in,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period,
      Carried carried,
      ProgressLine progress) {
    String p = period.toString();
    IndicatorSeries.Context ctx = context(spark, in, reference, catalog, period, carried);
    Dataset<Row> conformed =
        EnergyMarts.conform(
            in.energy(),
            in.enterprises(),
            ReferenceFrames.industries(spark, reference),
            EnergyMarts.factors(spark, reference, 1990, 2100));
    IndicatorSeries formulas = new IndicatorSeries(ctx);
    Dataset<Row> series = null;
    int n = 0;
    for (var def : catalog.indicators()) {
      Dataset<Row> one = materialize(formulas.of(def));
      series = series == null ? one : series.unionByName(one);
      progress.update("indicators", ++n, catalog.indicators().size());
    }
    Dataset<Row> sectorMonth = EnergyMarts.sectorMonth(conformed, p);
    if (carried != null) {
      // Only the benchmark share reads line windows; every other indicator is fresh.
      Column fromLines =
          col("indicator_id")
              .isin(
                  catalog.indicators().stream()
                      .filter(d -> d.kind().equals("benchmark_capacity_share"))
                      .map(d -> d.id())
                      .toArray());
      series =
          patch(
              series,
              carried.indicatorSeries(),
              fromLines.unary_$bang().or(inMonths(carried.months().lineWindows())));
      sectorMonth =
          patch(sectorMonth, carried.energySectorMonth(), inMonths(carried.months().aggregates()));
    }
    series = materialize(series);
    progress.finish("indicators", n + " indicators for the city and each county");
    Dataset<Row> waste = ctx.wasteCountyMonth();
    Dataset<Row> power = ctx.powerCapacity();
    Dataset<Row> lineMonths = ctx.lineMonths();

    Map<String, Dataset<Row>> marts = new LinkedHashMap<>();
    marts.put("energy_enterprise_month", EnergyMarts.enterpriseMonth(conformed, p).drop("period"));
    marts.put("energy_sector_month", asMonth(sectorMonth));
    marts.put("solid_waste_county_month", asMonth(waste));
    marts.put(
        "green_factory_roster",
        FactMarts.greenFactoryRoster(in.greenFactories(), in.enterprises(), period.atEndOfMonth()));
    marts.put("power_capacity", asMonth(power));
    marts.put("forest_inventory", FactMarts.forestInventory(in.forest(), period.getYear()));
    marts.put("economy_county_quarter", FactMarts.economyQuarters(in.economy(), period));
    marts.put("line_efficiency", lineMonths.filter(col("period").equalTo(p)).drop("period"));
    marts.put("indicator_series", asMonth(series));
    marts.put("indicator_progress", ProgressJob.transform(series, catalog, period).drop("period"));
    return marts;
  }

  /**
   * History marts name their month column {@code month}: {@code period} is the Hive partition of
   * the publication.
   */
  private static Dataset<Row> asMonth(Dataset<Row> mart) {
    return mart.withColumnRenamed("period", "month");
  }
}
