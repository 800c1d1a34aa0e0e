package org.benxi.green.jobs;

import static org.apache.spark.sql.functions.col;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * (plus the parsed rows that the manifest counts). No I/O; {@link RunCommandSupport} does that.
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
   * Parses every source straight from its raw files. {@code filesBySource} holds, per source name,
   * Spark {@code binaryFile} rows of that source's visible drop files (possibly empty frames).
   */
  public static Map<String, Dataset<Row>> parse(
      Map<String, Dataset<Row>> filesBySource,
      Map<String, SourceSchema> schemas,
      ReferenceData reference) {
    Map<String, Dataset<Row>> parsed = new LinkedHashMap<>();
    for (Map.Entry<String, SourceSchema> e : schemas.entrySet()) {
      parsed.put(
          e.getKey(), ParseJob.transform(filesBySource.get(e.getKey()), e.getValue(), reference));
    }
    return parsed;
  }

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
      Dataset<Row> flags = materialize(StageJob.flag(parsed.get(source), schema, register));
      flagged.put(source, flags);
      Dataset<Row> latest = StageJob.latest(flags, schema);
      if (source.equals("programs")) {
        latest = ProgramStarts.transform(latest, flags);
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
    return new Staging(parsed, flagged, inputs, materialize(rejects));
  }

  /** Stages every source, then computes every mart of {@code period}, by mart name. */
  public static Map<String, Dataset<Row>> transform(
      SparkSession spark,
      Map<String, Dataset<Row>> filesBySource,
      Map<String, SourceSchema> schemas,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period,
      ProgressLine progress) {
    Staging staging = stage(parse(filesBySource, schemas, reference), schemas, progress);
    return publication(spark, staging, reference, catalog, period, progress);
  }

  /** Every mart of the period, including quarantine and data quality, from a staging. */
  public static Map<String, Dataset<Row>> publication(
      SparkSession spark,
      Staging staging,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period,
      ProgressLine progress) {
    MonthlyInputs in = staging.inputs();
    Map<String, Dataset<Row>> marts = marts(spark, in, reference, catalog, period, progress);
    marts.put("quarantine", staging.rejects());
    Dataset<Row> warnings = materialize(DataQuality.warnings(spark, in, reference));
    Dataset<Row> missing = materialize(DataQuality.missingReporters(in, reference, period));
    marts.put("warnings", warnings);
    marts.put("missing_reporters", missing);
    Dataset<Row> rowsRead =
        materialize(DataQuality.rowsRead(staging.flagged(), in.enterprises(), reference));
    marts.put("data_quality", DataQuality.summary(rowsRead, warnings, missing));
    marts.put("data_quality_reasons", DataQuality.reasons(rowsRead, warnings));
    return marts;
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
    String p = period.toString();
    Dataset<Row> spine = MonthSpine.of(spark, catalog.seriesStart(), period).cache();
    Dataset<Row> waste =
        materialize(
            FactMarts.wasteCountyMonth(
                in.solidWaste(), ReferenceFrames.wasteCategories(spark, reference), p));
    Dataset<Row> power =
        materialize(
            FactMarts.powerCapacity(
                in.powerPlants(), spine, ReferenceFrames.powerSources(spark, reference)));
    Dataset<Row> lineMonths =
        materialize(
            LineEfficiency.trailing12(
                in.productionLines(),
                in.enterprises(),
                spine,
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

  /** Every mart of the period from staged inputs. */
  public static Map<String, Dataset<Row>> marts(
      SparkSession spark,
      MonthlyInputs in,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period,
      ProgressLine progress) {
    String p = period.toString();
    IndicatorSeries.Context ctx = context(spark, in, reference, catalog, period);
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
    series = materialize(series);
    progress.finish("indicators", n + " indicators for the city and each county");
    Dataset<Row> waste = ctx.wasteCountyMonth();
    Dataset<Row> power = ctx.powerCapacity();
    Dataset<Row> lineMonths = ctx.lineMonths();

    Map<String, Dataset<Row>> marts = new LinkedHashMap<>();
    marts.put("energy_enterprise_month", EnergyMarts.enterpriseMonth(conformed, p).drop("period"));
    marts.put("energy_sector_month", asMonth(EnergyMarts.sectorMonth(conformed, p)));
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
