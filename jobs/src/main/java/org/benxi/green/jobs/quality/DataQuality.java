package org.benxi.green.jobs.quality;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.ingest.ParseJob;
import org.benxi.green.jobs.marts.Lookups;
import org.benxi.green.jobs.marts.MonthSpine;
import org.benxi.green.jobs.marts.MonthlyInputs;

/**
 * Data quality as data: warnings on accepted rows, counts per source and county, reasons, and
 * enterprises that stopped reporting.
 */
public final class DataQuality {
  /**
   * One flagged (accepted) row: where it is, its month (monthly sources only), which check, the
   * column, value and detail.
   */
  public static final StructType WARNINGS =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("file", DataTypes.StringType, false)
          .add("line", DataTypes.IntegerType, false)
          .add("received", DataTypes.DateType, false)
          .add("period", DataTypes.StringType, true)
          .add("county_code", DataTypes.StringType, true)
          .add("credit_code", DataTypes.StringType, true)
          .add("warning", DataTypes.StringType, false)
          .add("column", DataTypes.StringType, false)
          .add("value", DataTypes.StringType, true)
          .add("detail", DataTypes.StringType, true);

  /** Enterprise-level monthly sources, whose silent reporters are chased. */
  public static final List<String> MONTHLY_REPORTING =
      List.of("energy", "solid_waste", "production_lines");

  private static final String UNKNOWN = "unknown";

  private DataQuality() {}

  /** Every warning on the staged rows (latest drop per key). */
  public static Dataset<Row> warnings(MonthlyInputs in, ReferenceData reference) {
    ReferenceData.QualityRules rules = reference.quality();
    List<Dataset<Row>> parts = new ArrayList<>();

    Column residual =
        col("generated_t")
            .minus(col("utilized_t"))
            .plus(col("utilized_prior_storage_t"))
            .minus(col("disposed_t"))
            .minus(col("stored_t"));
    parts.add(
        shape(
            in.solidWaste()
                .filter(
                    abs(residual).gt(col("generated_t").multiply(rules.wasteBalanceTolerance())))
                .withColumn("_value", residual.cast("string")),
            "solid_waste",
            "waste_flow_imbalance",
            "generated_t",
            lit(
                "generated - (utilized - from storage + disposed + stored) differs by more than "
                    + (100 * rules.wasteBalanceTolerance())
                    + "% of generated")));

    Dataset<Row> energy =
        in.energy()
            .withColumn(
                "_base",
                col("quantity")
                    .multiply(Lookups.factorToBase(reference, col("unit"), Lookups.UNIT_FACTOR)))
            .filter(col("_base").isNotNull());
    parts.add(
        jumps(
            energy,
            new String[] {"credit_code", "energy_code"},
            "_base",
            "energy",
            "quantity",
            rules.monthOverMonthFactor()));
    // County-level categories (straw, construction waste) are seasonal: no month-over-month check.
    Object[] countyLevel =
        reference.wasteCategories().values().stream()
            .filter(ReferenceData.WasteCategory::countyLevel)
            .map(ReferenceData.WasteCategory::category)
            .toArray();
    parts.add(
        jumps(
            in.solidWaste()
                .filter(col("category").isin(countyLevel).unary_$bang())
                .withColumn("_who", col("credit_code")),
            new String[] {"_who", "category"},
            "generated_t",
            "solid_waste",
            "generated_t",
            rules.monthOverMonthFactor()));

    Map<String, Dataset<Row>> staged =
        Map.of(
            "energy", in.energy(),
            "solid_waste", in.solidWaste(),
            "production_lines", in.productionLines(),
            "power_plants", in.powerPlants(),
            "forest", in.forest(),
            "economy", in.economy(),
            "programs", in.programs());
    for (ReferenceData.PlausibleRange range : reference.plausibleRanges()) {
      Dataset<Row> rows = staged.get(range.source());
      if (rows == null) {
        throw new IllegalStateException(
            "plausible_ranges.csv: no monthly checks for source " + range.source());
      }
      Column value = col(range.column());
      parts.add(
          shape(
              rows.filter(value.lt(range.min()).or(value.gt(range.max())))
                  .withColumn("_value", value.cast("string")),
              range.source(),
              "implausible_value",
              range.column(),
              lit(
                  "outside ["
                      + range.min().toPlainString()
                      + ", "
                      + range.max().toPlainString()
                      + "]")));
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part);
    }
    Dataset<Row> counties =
        in.enterprises().select(col("credit_code").as("_code"), col("county_code").as("_county"));
    return all.join(counties, all.col("credit_code").equalTo(counties.col("_code")), "left")
        .withColumn("county_code", coalesce(col("county_code"), col("_county")))
        .drop("_code", "_county");
  }

  private static Dataset<Row> jumps(
      Dataset<Row> rows,
      String[] key,
      String measure,
      String source,
      String column,
      double factor) {
    Column[] keys = java.util.Arrays.stream(key).map(k -> col(k)).toArray(Column[]::new);
    var byMonth = Window.partitionBy(keys).orderBy("_month");
    Dataset<Row> withPrevious =
        rows.withColumn("_month", MonthSpine.monthIndex("period"))
            .withColumn("_prev", lag(col(measure), 1).over(byMonth))
            .withColumn("_prev_month", lag(col("_month"), 1).over(byMonth));
    Column consecutive = col("_prev_month").equalTo(col("_month").minus(1));
    Column ratio = col(measure).cast("double").divide(col("_prev").cast("double"));
    Column jumped =
        consecutive
            .and(col("_prev").gt(0))
            .and(col(measure).gt(0))
            .and(ratio.gt(factor).or(ratio.lt(1 / factor)));
    return shape(
        withPrevious.filter(jumped).withColumn("_value", col(measure).cast("string")),
        source,
        "month_over_month_jump",
        column,
        org.apache.spark.sql.functions.concat(
            lit("x"),
            org.apache.spark.sql.functions.format_number(ratio, 2),
            lit(" of the previous month")));
  }

  private static Dataset<Row> shape(
      Dataset<Row> rows, String source, String warning, String column, Column detail) {
    List<String> columns = List.of(rows.columns());
    return rows.select(
        lit(source).as("source"),
        col("file"),
        col("line"),
        col("received"),
        (columns.contains("period") ? col("period") : lit(null).cast("string")).as("period"),
        (columns.contains("county_code") ? col("county_code") : lit(null).cast("string"))
            .as("county_code"),
        (columns.contains("credit_code") ? col("credit_code") : lit(null).cast("string"))
            .as("credit_code"),
        lit(warning).as("warning"),
        lit(column).as("column"),
        col("_value").as("value"),
        detail.as("detail"));
  }

  /**
   * Every row read (flagged rows of every source, in {@code ParseJob.unified}'s schema), narrowed
   * to source, county, file, received and reject reason. The county is the row's own valid county
   * code, else its enterprise's county, else {@code unknown}: the input of {@link #summary} and
   * {@link #reasons}.
   */
  public static Dataset<Row> rowsRead(
      Dataset<Row> flagged, Dataset<Row> register, ReferenceData reference) {
    Column own =
        when(col("county_code").isin(reference.counties().keySet().toArray()), col("county_code"));
    Dataset<Row> counties =
        register.select(col("credit_code").as("_code"), col("county_code").as("_reg_county"));
    return flagged
        .join(counties, flagged.col("credit_code").equalTo(counties.col("_code")), "left")
        .select(
            col(ParseJob.SOURCE).as("source"),
            coalesce(own, col("_reg_county"), lit(UNKNOWN)).as("county_code"),
            col("file"),
            col("received"),
            col("reject_reason"));
  }

  /** Rejected rows per source, county and reason code: the reject half of the reasons mart. */
  public static Dataset<Row> rejectCounts(Dataset<Row> rowsRead) {
    return rowsRead
        .filter(col("reject_reason").isNotNull())
        .groupBy(col("source"), col("county_code"), col("reject_reason").as("code"))
        .agg(count(lit(1)).as("rows"));
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
   * Who reported when: one row per monthly source, enterprise and month with a staged row (county
   * reports without an enterprise left out).
   */
  public static Dataset<Row> reported(MonthlyInputs in) {
    Map<String, Dataset<Row>> sources =
        Map.of(
            "energy", in.energy(),
            "solid_waste", in.solidWaste().filter(col("credit_code").isNotNull()),
            "production_lines", in.productionLines());
    Dataset<Row> all = null;
    for (String source : MONTHLY_REPORTING) {
      Dataset<Row> rows =
          sources
              .get(source)
              .select(lit(source).as("source"), col("credit_code"), col("period"))
              .distinct();
      all = all == null ? rows : all.unionByName(rows);
    }
    return all;
  }

  /**
   * Each enterprise's last reported month per source, up to {@code period}: the state that lets the
   * next month find missing reporters without rescanning history.
   */
  public static Dataset<Row> lastReported(Dataset<Row> reported, YearMonth period) {
    return reported
        .filter(col("period").leq(period.toString()))
        .groupBy("source", "credit_code")
        .agg(max("period").as("period"));
  }

  /**
   * missing_reporters: one row per monthly source and enterprise that reported in any of the
   * lookback months before {@code period} but not in it, with its last reported month. {@code
   * reported} is {@link #reported}, or any superset of the lookback months' rows whose extra rows
   * are each enterprise's true last month before them.
   */
  public static Dataset<Row> missingReporters(
      Dataset<Row> reported, Dataset<Row> enterprises, ReferenceData reference, YearMonth period) {
    int lookback = reference.quality().missingReporterLookbackMonths();
    String from = period.minusMonths(lookback).toString();
    String p = period.toString();
    Dataset<Row> before =
        reported
            .filter(col("period").geq(from).and(col("period").lt(p)))
            .groupBy("source", "credit_code")
            .agg(max("period").as("last_reported_period"));
    Dataset<Row> now =
        reported.filter(col("period").equalTo(p)).select("source", "credit_code").distinct();
    return before
        .join(now, new String[] {"source", "credit_code"}, "left_anti")
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
            count(lit(1)).as("rows_read"),
            count(when(col("reject_reason").isNull(), lit(1))).as("rows_accepted"),
            count(col("reject_reason")).as("rows_rejected"),
            max("received").as("latest_received"));
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
