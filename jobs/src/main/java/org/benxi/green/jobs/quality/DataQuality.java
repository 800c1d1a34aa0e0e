package org.benxi.green.jobs.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.ParseJob;
import org.benxi.green.jobs.ingest.StageJob;
import org.benxi.green.jobs.marts.MonthSpine;
import org.benxi.green.jobs.marts.MonthlyInputs;
import org.benxi.green.jobs.sources.SourceSpec;
import org.benxi.green.jobs.sources.SourceSpecs;

/**
 * Data quality as data: counts per source and county, reasons, and enterprises that stopped
 * reporting; the warnings themselves are {@link Warnings}.
 */
public final class DataQuality {
  private static final String UNKNOWN = "unknown";

  private DataQuality() {}

  /**
   * The rows read (each source's outcomes, by source, in {@code StageJob.OUTCOME_COLUMNS}), counted
   * per source, county, file, received and reject reason in {@code rows}. The county is the row's
   * own valid county code, else its enterprise's county in {@code known} ({@code
   * StageJob.knownEnterprises}), else {@code unknown}: the input of {@link #readCounts} and {@link
   * #rejectCounts}. Each source is joined to the register and counted on its own, so that a source
   * partitioned by enterprise like the register is neither shuffled nor sorted row by row.
   */
  public static Dataset<Row> rowsRead(
      Map<String, Dataset<Row>> outcomes, Dataset<Row> known, ReferenceData reference) {
    Column own =
        when(col("county_code").isin(reference.counties().keySet().toArray()), col("county_code"));
    Column code = col("credit_code");
    Dataset<Row> all = null;
    for (Dataset<Row> rows : outcomes.values()) {
      Dataset<Row> ofEnterprises =
          rows.filter(code.isNotNull())
              .join(known.hint("merge"), code.equalTo(known.col(StageJob.KNOWN_CODE)), "left")
              .withColumn("county_code", coalesce(own, col(StageJob.KNOWN_COUNTY), lit(UNKNOWN)));
      Dataset<Row> others =
          rows.filter(code.isNull()).withColumn("county_code", coalesce(own, lit(UNKNOWN)));
      for (Dataset<Row> part : List.of(ofEnterprises, others)) {
        Dataset<Row> counted =
            part.groupBy(
                    col(ParseJob.SOURCE).as("source"),
                    col("county_code"),
                    col("file"),
                    col("received"),
                    col("reject_reason"))
                .agg(count(lit(1)).as("rows"));
        all = all == null ? counted : all.unionByName(counted);
      }
    }
    return all;
  }

  /** Rejected rows per source, county and reason code: the reject half of the reasons mart. */
  public static Dataset<Row> rejectCounts(Dataset<Row> rowsRead) {
    return rowsRead
        .filter(col("reject_reason").isNotNull())
        .groupBy(col("source"), col("county_code"), col("reject_reason").as("code"))
        .agg(sum("rows").cast("long").as("rows"));
  }

  /**
   * {@link #rejectCounts} of this run's new drops plus the reject rows of a carried reasons mart.
   */
  public static Dataset<Row> mergeRejectCounts(Dataset<Row> fresh, Dataset<Row> carriedReasons) {
    return fresh
        .unionByName(
            carriedReasons
                .filter(col("kind").equalTo("reject"))
                .select("source", "county_code", "code", "rows"))
        .groupBy("source", "county_code", "code")
        .agg(sum("rows").cast("long").as("rows"));
  }

  /**
   * data_quality_reasons: one row per source, county, kind ({@code reject} or {@code warning}) and
   * code, with the number of rows.
   */
  public static Dataset<Row> reasons(Dataset<Row> rejectCounts, Dataset<Row> warnings) {
    Dataset<Row> warned =
        warnings
            .withColumn("county_code", coalesce(col("county_code"), lit(UNKNOWN)))
            .groupBy(col("source"), col("county_code"), col("warning").as("code"))
            .agg(count(lit(1)).as("rows"))
            .withColumn("kind", lit("warning"));
    return rejectCounts
        .withColumn("kind", lit("reject"))
        .unionByName(warned)
        .select("source", "county_code", "kind", "code", "rows");
  }

  /**
   * Who reported when: per monthly source, each staged row's enterprise and month (county reports
   * without an enterprise left out). An enterprise and month repeat as often as it has rows in the
   * month: {@link #reporting} takes maxima, which repeats do not change, so they are not removed
   * (that took a hash table of every row).
   */
  public static Dataset<Row> reported(MonthlyInputs in) {
    Dataset<Row> all = null;
    for (SourceSpec spec : SourceSpecs.all()) {
      Dataset<Row> reports = spec.reports(in.of(spec.name()));
      if (reports != null) {
        Dataset<Row> rows =
            reports.select(lit(spec.name()).as("source"), col("credit_code"), col("period"));
        all = all == null ? rows : all.unionByName(rows);
      }
    }
    return all;
  }

  /**
   * Each monthly source's reporters up to {@code period}, from {@link #reported} (or from the
   * reported rows of the months a run stages together with the previous month's {@link
   * #lastReported}, each enterprise's true last month before them): one row per source and
   * enterprise with its last reported month ({@code period}), its last one before {@code period}
   * ({@code last_before}, null if none) and whether it reported in {@code period} ({@code
   * reports_now}). One aggregation that both {@link #lastReported} and {@link #missingReporters}
   * read.
   */
  public static Dataset<Row> reporting(Dataset<Row> reported, YearMonth period) {
    // Months as indices: maxima of integers aggregate in a hash table, where maxima of strings
    // would sort every reported row.
    int p = MonthSpine.index(period);
    Column month = MonthSpine.monthIndex("period");
    return reported
        .filter(col("period").leq(period.toString()))
        .groupBy("source", "credit_code")
        .agg(
            max(month).as("_last"),
            max(when(month.lt(p), month)).as("_before"),
            max(month.equalTo(p)).as("reports_now"))
        .select(
            col("source"),
            col("credit_code"),
            period(col("_last")).as("period"),
            period(col("_before")).as("last_before"),
            col("reports_now"));
  }

  /** The {@code YYYY-MM} of a month index ({@link MonthSpine#monthIndex}); null stays null. */
  private static Column period(Column monthIndex) {
    return when(
        monthIndex.isNotNull(),
        format_string("%04d-%02d", monthIndex.divide(12).cast("int"), monthIndex.mod(12).plus(1)));
  }

  /**
   * Each enterprise's last reported month per source, from {@link #reporting}: the state that lets
   * the next month find missing reporters without rescanning history.
   */
  public static Dataset<Row> lastReported(Dataset<Row> reporting) {
    return reporting.select("source", "credit_code", "period");
  }

  /**
   * missing_reporters: one row per monthly source and enterprise that reported in any of the
   * lookback months before {@code period} but not in it, with its last reported month; from {@link
   * #reporting} of {@code period}.
   */
  public static Dataset<Row> missingReporters(
      Dataset<Row> reporting, Dataset<Row> enterprises, ReferenceData reference, YearMonth period) {
    int lookback = reference.quality().missingReporterLookbackMonths();
    String from = period.minusMonths(lookback).toString();
    return reporting
        .filter(col("last_before").geq(from).and(not(col("reports_now"))))
        .select(col("source"), col("credit_code"), col("last_before").as("last_reported_period"))
        .join(
            enterprises.select(
                col("credit_code"), col("name").as("enterprise_name"), col("county_code")),
            "credit_code")
        .select("source", "credit_code", "enterprise_name", "county_code", "last_reported_period");
  }

  /**
   * Files, rows read, accepted and rejected, and the latest drop date per source and county: the
   * read half of the data-quality mart.
   */
  public static Dataset<Row> readCounts(Dataset<Row> rowsRead) {
    return rowsRead
        .groupBy("source", "county_code")
        .agg(
            countDistinct("file").cast("int").as("files"),
            sum("rows").cast("long").as("rows_read"),
            rowsWhere(col("reject_reason").isNull()).as("rows_accepted"),
            rowsWhere(col("reject_reason").isNotNull()).as("rows_rejected"),
            max("received").as("latest_received"));
  }

  /** The rows of {@link #rowsRead}'s counts that {@code condition} holds for; 0 when none. */
  private static Column rowsWhere(Column condition) {
    return coalesce(sum(when(condition, col("rows"))), lit(0L)).cast("long");
  }

  /**
   * {@link #readCounts} of this run's new drops plus those of a carried data-quality mart (the new
   * drops are new files, so file counts add up).
   */
  public static Dataset<Row> mergeReadCounts(Dataset<Row> fresh, Dataset<Row> carriedQuality) {
    return fresh
        .unionByName(
            carriedQuality.select(
                "source",
                "county_code",
                "files",
                "rows_read",
                "rows_accepted",
                "rows_rejected",
                "latest_received"))
        .groupBy("source", "county_code")
        .agg(
            sum("files").cast("int").as("files"),
            sum("rows_read").cast("long").as("rows_read"),
            sum("rows_accepted").cast("long").as("rows_accepted"),
            sum("rows_rejected").cast("long").as("rows_rejected"),
            max("latest_received").as("latest_received"));
  }

  /**
   * data_quality: one row per source and county with files, rows read, accepted and rejected,
   * warnings, missing reporters for the period, and the latest drop date.
   */
  public static Dataset<Row> summary(
      Dataset<Row> readCounts, Dataset<Row> warnings, Dataset<Row> missingReporters) {
    Dataset<Row> warned =
        warnings
            .withColumn("county_code", coalesce(col("county_code"), lit(UNKNOWN)))
            .groupBy("source", "county_code")
            .agg(count(lit(1)).as("warnings"));
    Dataset<Row> silent =
        missingReporters
            .groupBy("source", "county_code")
            .agg(count(lit(1)).as("missing_reporters"));
    return readCounts
        .join(warned, new String[] {"source", "county_code"}, "left")
        .join(silent, new String[] {"source", "county_code"}, "left")
        .withColumn("warnings", coalesce(col("warnings"), lit(0L)))
        .withColumn("missing_reporters", coalesce(col("missing_reporters"), lit(0L)));
  }
}
