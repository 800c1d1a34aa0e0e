package org.benxi.green.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.indicators.IndicatorInputs;
import org.benxi.green.jobs.indicators.IndicatorKinds;
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
import org.benxi.green.jobs.quality.DataQuality;
import org.benxi.green.jobs.quality.Warnings;
import org.benxi.green.jobs.sources.SourceSpec;
import org.benxi.green.jobs.sources.SourceSpecs;

/**
 * The monthly run as a pure transform: raw files of every source in, every mart of the period out
 * (plus the parsed rows that the manifest counts). No I/O; {@link MonthlyRun} does that.
 */
public final class MonthlyJob {
  private MonthlyJob() {}

  /**
   * Staging of every source: the rows the run reports on ({@code parsed}: their {@link
   * ParseJob#SOURCE} and file), each such row's outcome by source ({@code outcomes}, in {@link
   * StageJob#OUTCOME_COLUMNS}), the staged inputs, the quarantine, and the register's {@link
   * StageJob#knownEnterprises}.
   */
  public record Staging(
      Dataset<Row> parsed,
      Map<String, Dataset<Row>> outcomes,
      MonthlyInputs inputs,
      Dataset<Row> rejects,
      Dataset<Row> knownEnterprises) {}

  /**
   * Parses every source straight from its raw files (no store), in {@link ParseJob#unified}'s
   * schema: {@code validate} and tests.
   */
  public static Dataset<Row> parse(
      SparkSession spark,
      List<SourceFile> files,
      Map<String, SourceSchema> schemas,
      ReferenceData reference) {
    Map<String, String> hadoop =
        ParseJob.settings(spark.sparkContext().hadoopConfiguration(), files);
    return ParseJob.transformAll(ParseJob.files(spark, files, Map.of()), schemas, reference, hadoop)
        .drop("sha256");
  }

  /**
   * A frame of every source ({@link #parse}) split by source, each in its own columns; the frame is
   * kept once computed, so that the sources share one parse.
   */
  public static Map<String, Dataset<Row>> bySource(
      Dataset<Row> unified, Map<String, SourceSchema> schemas) {
    Dataset<Row> rows = cached(unified);
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    schemas.forEach((name, schema) -> out.put(name, StageJob.of(rows, schema)));
    return out;
  }

  /**
   * What a run carries from the previous month's publication instead of rescanning history (see
   * {@link CarriedState}): the staged register, each enterprise's last reported month, and the
   * history marts, of which it replaces only the recomputed months. {@code indicatorSeries} holds
   * the carried series' rows, in {@link IndicatorSeries#SCHEMA}; {@code staged} the staged rows of
   * the months it reads from the carried state, by source, ranked again with the new drops' rows.
   */
  public record Carried(
      Dataset<Row> register,
      Dataset<Row> lastReported,
      Map<String, Dataset<Row>> marts,
      List<Row> indicatorSeries,
      Map<String, Dataset<Row>> staged,
      RecomputedMonths months) {

    /** The carried mart {@code name}: a mart whose spec says the next month carries it. */
    public Dataset<Row> mart(String name) {
      Dataset<Row> mart = marts.get(name);
      if (mart == null) {
        throw new IllegalArgumentException("mart " + name + " is not carried; " + marts.keySet());
      }
      return mart;
    }
  }

  /**
   * Every mart of a period and the state the next month's run carries, by name, each built on first
   * use (so that writers running at the same time share what they have in common), the
   * indicator_progress rows, computed on the driver, and the outcomes counted per source, county,
   * file, drop and reject reason ({@link DataQuality#rowsRead}), which the data-quality marts and
   * the per-file tally read.
   */
  public record Publication(
      Map<String, Supplier<Dataset<Row>>> marts,
      Map<String, Supplier<Dataset<Row>>> state,
      Supplier<List<Row>> progress,
      Supplier<Dataset<Row>> rowsRead) {}

  /**
   * Stages every source from its parsed rows, by source ({@link #bySource}, or the {@code
   * DropStore}): flags, keeps the latest drop per key, and gathers the quarantine.
   */
  public static Staging stage(
      Map<String, Dataset<Row>> parsed, Map<String, SourceSchema> schemas, ProgressLine progress) {
    return stageSources(parsed, null, null, schemas, progress);
  }

  /**
   * Stages an incremental run from {@code rows} (by source: the new drops' rows, the rows of the
   * months a monthly source stages from the store, and every row of the small sources), against the
   * carried register and with the carried staged months. The run reports on the rows of {@code
   * newFiles} only.
   */
  public static Staging stageIncrementally(
      Map<String, Dataset<Row>> rows,
      List<String> newFiles,
      Carried carried,
      Map<String, SourceSchema> schemas,
      ProgressLine progress) {
    return stageSources(rows, col("file").isin(newFiles.toArray()), carried, schemas, progress);
  }

  /**
   * Flags {@code rows} and stages them, each source on its own in its own columns; the run reports
   * on the rows {@code counted} holds for (all when null). With {@code carried}, the register is
   * the carried one, and a source's carried staged rows are ranked with its accepted rows. Nothing
   * runs yet: each source's flagged rows and staged table are kept once computed, by the first job
   * that reads them (without {@code carried}, a source that {@link StageJob#flagLatest} serves
   * keeps only its flagged rows, of which the staged table is a filter); the parsed rows are read
   * from their source again where counted.
   */
  private static Staging stageSources(
      Map<String, Dataset<Row>> rows,
      Column counted,
      Carried carried,
      Map<String, SourceSchema> schemas,
      ProgressLine progress) {
    String registerName = SourceSpecs.register().name();
    SourceSchema registerSchema = schemas.get(registerName);
    Dataset<Row> registerFlags = flags(rows.get(registerName), registerSchema, null, carried);
    // Partitioned and sorted by enterprise (the latest-drop window leaves it so), the register
    // joins every source by enterprise in a merge join that neither shuffles nor sorts it again.
    Dataset<Row> register =
        cached(
            carried != null
                ? StageJob.byEnterprise(carried.register(), registerSchema)
                    .sortWithinPartitions("credit_code")
                : StageJob.latestOf(registerFlags, registerSchema));
    Dataset<Row> known = cached(StageJob.knownEnterprises(register));
    Map<String, Dataset<Row>> staged = new LinkedHashMap<>();
    Map<String, Dataset<Row>> flagged = new LinkedHashMap<>();
    staged.put(registerName, register);
    flagged.put(registerName, registerFlags);
    for (SourceSpec spec : SourceSpecs.all()) {
      if (!spec.register()) {
        SourceSchema schema = schemas.get(spec.name());
        Dataset<Row> flags = flags(rows.get(spec.name()), schema, known, carried);
        boolean marked = Arrays.asList(flags.columns()).contains(StageJob.LATEST);
        Dataset<Row> latest;
        if (marked) {
          latest = StageJob.latestOf(flags, schema);
        } else if (carried == null) {
          latest = StageJob.latest(flags, schema);
        } else {
          // A carried month without new rows keeps its rows: nothing outranks them.
          latest =
              StageJob.latest(
                  flags,
                  carried.staged().get(spec.name()),
                  inMonths(carried.months().aggregates()),
                  schema);
        }
        // A marked frame is kept already; its staged table is a filter of it.
        Dataset<Row> stagedRows = spec.staged(latest, flags);
        staged.put(spec.name(), marked ? stagedRows : cached(stagedRows));
        flagged.put(spec.name(), flags);
      }
    }
    List<Dataset<Row>> read = new ArrayList<>();
    Map<String, Dataset<Row>> outcomes = new LinkedHashMap<>();
    List<Dataset<Row>> rejects = new ArrayList<>();
    flagged.forEach(
        (name, flags) -> {
          Dataset<Row> parsed = rows.get(name);
          Dataset<Row> reported = flags;
          if (counted != null) {
            parsed = parsed.filter(counted);
            reported = flags.filter(counted);
          }
          read.add(parsed.select(lit(name).as(ParseJob.SOURCE), col("file")));
          outcomes.put(name, StageJob.outcomes(reported, schemas.get(name)));
          rejects.add(StageJob.rejects(reported, name));
        });
    progress.finish("staging", schemas.size() + " sources validated and staged");
    return new Staging(
        union(read), outcomes, new MonthlyInputs(staged), cached(union(rejects)), known);
  }

  /**
   * A source's flagged rows, kept once computed: in a full rebuild, where {@link
   * StageJob#flagLatest} serves the source, flagged and ranked in one sort ({@link StageJob#LATEST}
   * marks the staged rows); otherwise {@link StageJob#flag}.
   */
  private static Dataset<Row> flags(
      Dataset<Row> parsed, SourceSchema schema, Dataset<Row> known, Carried carried) {
    return cached(
        carried == null && StageJob.flagsLatestInOneSort(schema)
            ? StageJob.flagLatest(parsed, schema, known)
            : StageJob.flag(parsed, schema, known));
  }

  private static Dataset<Row> union(List<Dataset<Row>> frames) {
    return frames.stream().reduce(Dataset::unionByName).orElseThrow();
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
    Staging staging =
        stage(bySource(parse(spark, files, schemas, reference), schemas), schemas, progress);
    Map<String, Dataset<Row>> marts = new LinkedHashMap<>();
    publication(spark, staging, reference, catalog, period, null, progress)
        .marts()
        .forEach((name, mart) -> marts.put(name, mart.get()));
    return marts;
  }

  /**
   * Every mart of the period, including quarantine and data quality, and the state to carry, from a
   * staging; with {@code carried} (else {@code null}), only the recomputed months are computed.
   * Runs one Spark job, which brings the indicators' inputs to the driver; the marts stay lazy.
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
    String p = period.toString();
    Dataset<Row> spine = MonthSpine.of(spark, catalog.seriesStart(), period);
    Supplier<Dataset<Row>> waste =
        Lazy.of(
            () -> {
              Dataset<Row> fresh = FactMarts.wasteCountyMonth(in.solidWaste(), reference, p);
              return cached(
                  carried == null
                      ? fresh
                      : patch(
                          fresh,
                          carried.mart("solid_waste_county_month"),
                          inMonths(carried.months().aggregates())));
            });
    Supplier<Dataset<Row>> power =
        Lazy.of(() -> cached(FactMarts.powerCapacity(in.powerPlants(), spine, reference)));
    Supplier<Dataset<Row>> lineMonths =
        Lazy.of(
            () ->
                cached(
                    LineEfficiency.trailing12(
                        in.productionLines(),
                        in.enterprises(),
                        carried == null
                            ? spine
                            : spine.filter(inMonths(carried.months().lineWindows())),
                        reference)));
    // A carried month conforms only the months whose aggregates it recomputes (its period too);
    // the other staged months are there for the warnings' month-over-month checks. The conformed
    // rows are not kept: the sector aggregation reads them once, and the enterprise mart conforms
    // the period's rows again, which costs less than keeping every month's wide decimal rows.
    Dataset<Row> conformed =
        EnergyMarts.conform(
            carried == null
                ? in.energy()
                : in.energy().filter(inMonths(carried.months().aggregates())),
            in.enterprises(),
            reference);
    Supplier<Dataset<Row>> sectorMonth =
        Lazy.of(
            () -> {
              Dataset<Row> fresh = EnergyMarts.sectorMonth(conformed, p);
              return cached(
                  carried == null
                      ? fresh
                      : patch(
                          fresh,
                          carried.mart("energy_sector_month"),
                          inMonths(carried.months().aggregates())));
            });
    Supplier<List<Row>> series =
        Lazy.of(
            () -> {
              List<Row> rows =
                  indicatorSeries(
                      in,
                      new Aggregates(waste.get(), power.get(), lineMonths.get(), sectorMonth.get()),
                      reference,
                      catalog,
                      period,
                      carried);
              progress.finish(
                  "indicators",
                  catalog.measures().size() + " indicators for the city and each county");
              return rows;
            });
    Supplier<List<Row>> progressRows =
        Lazy.of(() -> ProgressJob.transform(series.get(), catalog, reference, period));

    Map<String, Supplier<Dataset<Row>>> marts = new LinkedHashMap<>();
    marts.put(
        "energy_enterprise_month", () -> EnergyMarts.enterpriseMonth(conformed, p).drop("period"));
    marts.put("energy_sector_month", () -> asMonth(sectorMonth.get()));
    marts.put("solid_waste_county_month", () -> asMonth(waste.get()));
    marts.put(
        "green_factory_roster",
        () ->
            FactMarts.greenFactoryRoster(
                in.greenFactories(), in.enterprises(), period.atEndOfMonth()));
    marts.put("power_capacity", () -> asMonth(power.get()));
    marts.put("forest_inventory", () -> FactMarts.forestInventory(in.forest(), period.getYear()));
    marts.put("economy_county_quarter", () -> FactMarts.economyQuarters(in.economy(), period));
    marts.put(
        "line_efficiency", () -> lineMonths.get().filter(col("period").equalTo(p)).drop("period"));
    marts.put(
        "indicator_series",
        () -> asMonth(spark.createDataFrame(series.get(), IndicatorSeries.SCHEMA)));
    marts.put(
        "indicator_progress",
        () -> spark.createDataFrame(progressRows.get(), ProgressJob.SCHEMA).drop("period"));

    Supplier<Dataset<Row>> reporting =
        Lazy.of(
            () -> {
              Dataset<Row> reported = DataQuality.reported(in);
              if (carried != null) {
                reported = reported.unionByName(carried.lastReported());
              }
              return cached(DataQuality.reporting(reported, period));
            });
    Supplier<Dataset<Row>> warnings =
        Lazy.of(
            () -> {
              Dataset<Row> fresh = Warnings.all(in, reference);
              if (carried == null) {
                return cached(fresh);
              }
              // Small sources' warnings are all fresh; monthly sources' for the recomputed months.
              Column isMonthly =
                  col("source")
                      .isin(
                          SourceSpecs.all().stream()
                              .filter(SourceSpec::monthly)
                              .map(SourceSpec::name)
                              .toArray());
              return cached(
                  patch(
                      fresh,
                      carried.mart("warnings"),
                      isMonthly.unary_$bang().or(inMonths(carried.months().warnings()))));
            });
    Supplier<Dataset<Row>> missing =
        Lazy.of(
            () ->
                cached(
                    DataQuality.missingReporters(
                        reporting.get(), in.enterprises(), reference, period)));
    Supplier<Dataset<Row>> rowsRead =
        Lazy.of(
            () ->
                cached(
                    DataQuality.rowsRead(
                        staging.outcomes(), staging.knownEnterprises(), reference)));
    marts.put(
        "quarantine",
        () ->
            carried == null
                ? staging.rejects()
                : staging.rejects().unionByName(carried.mart("quarantine")));
    marts.put("warnings", warnings);
    marts.put("missing_reporters", missing);
    marts.put(
        "data_quality",
        () -> {
          Dataset<Row> readCounts = DataQuality.readCounts(rowsRead.get());
          if (carried != null) {
            readCounts = DataQuality.mergeReadCounts(readCounts, carried.mart("data_quality"));
          }
          return DataQuality.summary(readCounts, warnings.get(), missing.get());
        });
    marts.put(
        "data_quality_reasons",
        () -> {
          Dataset<Row> rejectCounts = DataQuality.rejectCounts(rowsRead.get());
          if (carried != null) {
            rejectCounts =
                DataQuality.mergeRejectCounts(rejectCounts, carried.mart("data_quality_reasons"));
          }
          return DataQuality.reasons(rejectCounts, warnings.get());
        });
    Map<String, Supplier<Dataset<Row>>> state = new LinkedHashMap<>();
    state.put("register", in::enterprises);
    state.put("last_reported", () -> DataQuality.lastReported(reporting.get()));
    for (SourceSpec spec : SourceSpecs.all()) {
      if (spec.carriesStagedMonths()) {
        state.put(CarriedState.STAGED + "/" + spec.name(), () -> in.of(spec.name()));
      }
    }
    return new Publication(marts, state, progressRows, rowsRead);
  }

  /**
   * Every indicator's series, computed on the driver from inputs collected in one Spark job. With
   * {@code carried}, a kind that reads production-line windows keeps the carried months outside the
   * windows this run recomputes.
   */
  private static List<Row> indicatorSeries(
      MonthlyInputs in,
      Aggregates aggregates,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period,
      Carried carried) {
    IndicatorInputs inputs = collect(in, aggregates, reference, catalog, period);
    List<Row> series = IndicatorSeries.compute(catalog, inputs);
    if (carried == null) {
      return series;
    }
    Set<String> windowed =
        catalog.measures().stream()
            .filter(d -> IndicatorKinds.of(d.kind()).readsLineWindows())
            .map(IndicatorDef::id)
            .collect(Collectors.toSet());
    Set<String> recomputed = carried.months().lineWindows();
    Map<String, Row> kept = new HashMap<>();
    for (Row r : carried.indicatorSeries()) {
      if (windowed.contains(r.getString(0)) && !recomputed.contains(r.getString(2))) {
        kept.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r);
      }
    }
    List<Row> patched = new ArrayList<>(series.size());
    for (Row r : series) {
      Row old = kept.get(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2));
      patched.add(old != null ? old : r);
    }
    return patched;
  }

  /**
   * The history aggregates the marts and the indicators' inputs share: waste by county, month and
   * category; power capacity by county, month and source; production lines' trailing windows; and
   * energy by month, county, sector and energy code.
   */
  private record Aggregates(
      Dataset<Row> waste, Dataset<Row> power, Dataset<Row> lineMonths, Dataset<Row> sectorMonth) {}

  /**
   * The indicator kinds' inputs for every month from the series start to {@code period}, computed
   * from staged sources alone (one Spark job).
   */
  public static IndicatorInputs indicatorInputs(
      SparkSession spark,
      MonthlyInputs in,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period) {
    Dataset<Row> spine = MonthSpine.of(spark, catalog.seriesStart(), period);
    String p = period.toString();
    Aggregates aggregates =
        new Aggregates(
            FactMarts.wasteCountyMonth(in.solidWaste(), reference, p),
            FactMarts.powerCapacity(in.powerPlants(), spine, reference),
            LineEfficiency.trailing12(in.productionLines(), in.enterprises(), spine, reference),
            EnergyMarts.sectorMonth(
                EnergyMarts.conform(in.energy(), in.enterprises(), reference), p));
    return collect(in, aggregates, reference, catalog, period);
  }

  private static IndicatorInputs collect(
      MonthlyInputs in,
      Aggregates aggregates,
      ReferenceData reference,
      IndicatorCatalog catalog,
      YearMonth period) {
    Set<String> wanted = new java.util.TreeSet<>();
    catalog.measures().forEach(d -> wanted.addAll(IndicatorKinds.of(d.kind()).inputs()));
    return IndicatorInputs.parse(
        IndicatorInputs.frame(
                wanted,
                in,
                aggregates.waste(),
                aggregates.power(),
                aggregates.lineMonths(),
                aggregates.sectorMonth())
            .collectAsList(),
        months(catalog.seriesStart(), period),
        reference);
  }

  private static List<YearMonth> months(YearMonth from, YearMonth to) {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
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
   * Marks a frame to be kept once computed: the first Spark job that reads it computes it, every
   * later one reads the kept rows. The run clears every kept frame when it ends.
   */
  static Dataset<Row> cached(Dataset<Row> df) {
    return df.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * History marts name their month column {@code month}: {@code period} is the Hive partition of
   * the publication.
   */
  private static Dataset<Row> asMonth(Dataset<Row> mart) {
    return mart.withColumnRenamed("period", "month");
  }
}
