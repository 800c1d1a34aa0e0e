package org.benxi.green.jobs.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.marts.FactMarts;
import org.benxi.green.jobs.marts.MonthSpine;
import org.benxi.green.jobs.marts.Scopes;

/**
 * Monthly values of every catalog indicator: one row per indicator, scope and month from the series
 * start to the run's month, with the trailing-12-month value used for projection and, when the
 * value is missing, the reason.
 */
public final class IndicatorSeries {
  /** indicator_id, scope, period, value, ttm_value, missing_reason. */
  public static final StructType SCHEMA =
      new StructType()
          .add("indicator_id", DataTypes.StringType, false)
          .add("scope", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, true)
          .add("ttm_value", DataTypes.DoubleType, true)
          .add("missing_reason", DataTypes.StringType, true);

  /** Decimals kept in indicator values, so that comparisons never hinge on binary noise. */
  static final int DECIMALS = 6;

  private final Context ctx;

  /** What every kind reads: the marts and staged sources, the spine, scopes and references. */
  public record Context(
      Dataset<Row> spine,
      Dataset<Row> scopes,
      Dataset<Row> enterprises,
      Dataset<Row> wasteCountyMonth,
      Dataset<Row> greenFactories,
      Dataset<Row> powerCapacity,
      Dataset<Row> forest,
      Dataset<Row> economy,
      Dataset<Row> lineMonths,
      Dataset<Row> programs,
      ReferenceData reference) {}

  /** Series for the given context. */
  public IndicatorSeries(Context ctx) {
    this.ctx = ctx;
  }

  /** The series of one indicator, with a row for every scope and month. */
  public Dataset<Row> of(IndicatorDef def) {
    Computed computed =
        switch (def.kind()) {
          case "waste_utilization_ytd" -> wasteUtilization(def);
          case "economy_ratio_ytd" -> economy(def, 100.0);
          case "economy_intensity_ytd" -> economy(def, Double.parseDouble(def.param("scale", "1")));
          case "certified_count" -> certifiedCount(def);
          case "capacity_share" -> capacityShare(def);
          case "benchmark_capacity_share" -> benchmarkShare();
          case "forest_coverage" -> forestCoverage();
          case "program_count", "program_share", "program_area_sum", "program_area_share" ->
              program(def);
          default ->
              throw new IllegalStateException(
                  "indicators.csv: indicator " + def.id() + " has unknown kind " + def.kind());
        };
    return complete(def, computed);
  }

  /** Computed rows (scope, period, value, ttm_value, missing_reason) and the default reason. */
  private record Computed(Dataset<Row> rows, String defaultReason) {}

  private Dataset<Row> complete(IndicatorDef def, Computed computed) {
    Dataset<Row> grid = ctx.scopes().crossJoin(ctx.spine().select("period"));
    Dataset<Row> joined = grid.join(computed.rows(), new String[] {"scope", "period"}, "left");
    Column reason =
        when(
            col("value").isNull(),
            coalesce(
                col("missing_reason"),
                concat(
                    lit(computed.defaultReason() + ": "), col("scope"), lit(" "), col("period"))));
    return joined.select(
        lit(def.id()).as("indicator_id"),
        col("scope"),
        col("period"),
        round(col("value"), DECIMALS).as("value"),
        round(col("ttm_value"), DECIMALS).as("ttm_value"),
        reason.as("missing_reason"));
  }

  /** Adds city rows (summing the given columns over counties) to county-level rows. */
  private static Dataset<Row> withCity(Dataset<Row> byCounty, String[] keys, String... sums) {
    Column[] aggs = new Column[sums.length];
    for (int i = 0; i < sums.length; i++) {
      aggs[i] = sum(sums[i]).as(sums[i]);
    }
    Dataset<Row> county = byCounty.groupBy(groupCols("county_code", keys)).agg(aggs[0], rest(aggs));
    Dataset<Row> city =
        byCounty
            .groupBy(groupCols(null, keys))
            .agg(aggs[0], rest(aggs))
            .withColumn("scope", lit(Scopes.CITY));
    return county.withColumnRenamed("county_code", "scope").unionByName(city);
  }

  private static Column[] groupCols(String first, String[] keys) {
    int offset = first == null ? 0 : 1;
    Column[] cols = new Column[keys.length + offset];
    if (first != null) {
      cols[0] = col(first);
    }
    for (int i = 0; i < keys.length; i++) {
      cols[i + offset] = col(keys[i]);
    }
    return cols;
  }

  private static Column[] rest(Column[] all) {
    return java.util.Arrays.copyOfRange(all, 1, all.length);
  }

  private static Column ratio(Column numerator, Column denominator, double multiplier) {
    return when(
        denominator.notEqual(0),
        numerator.cast("double").multiply(multiplier).divide(denominator.cast("double")));
  }

  // --- bulk_waste_utilization: utilized / (generated + utilized from prior storage), YTD ---

  private Computed wasteUtilization(IndicatorDef def) {
    String categories = def.param("categories");
    Column filter =
        categories.equals("bulk")
            ? col("bulk")
            : col("category").isin((Object[]) categories.split("\\|"));
    Dataset<Row> monthly =
        withCity(
                ctx.wasteCountyMonth().filter(filter),
                new String[] {"period"},
                "generated_t",
                "utilized_t",
                "utilized_prior_storage_t")
            .withColumn("month_index", MonthSpine.monthIndex("period"))
            .withColumn("year", MonthSpine.yearOf("period"));
    WindowSpec ytd =
        Window.partitionBy("scope", "year")
            .orderBy("month_index")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec ttm = Window.partitionBy("scope").orderBy("month_index").rangeBetween(-11, 0);
    Dataset<Row> rows =
        monthly.select(
            col("scope"),
            col("period"),
            ratio(
                    sum("utilized_t").over(ytd),
                    sum("generated_t").over(ytd).plus(sum("utilized_prior_storage_t").over(ytd)),
                    100)
                .as("value"),
            ratio(
                    sum("utilized_t").over(ttm),
                    sum("generated_t").over(ttm).plus(sum("utilized_prior_storage_t").over(ttm)),
                    100)
                .as("ttm_value"),
            lit("nothing generated and nothing taken from storage so far this year")
                .as("missing_reason"));
    return new Computed(rows, "no solid-waste reports for");
  }

  // --- economy ratios and intensities over the complete quarters of the year ---

  private Computed economy(IndicatorDef def, double multiplier) {
    String numerator = def.param("numerator");
    String denominator = def.param("denominator");
    int countyCount = ctx.reference().counties().size();
    Dataset<Row> quarters =
        FactMarts.withQuarterIndex(ctx.economy())
            .select(
                col("county_code"),
                col("year"),
                col("quarter_of_year").as("q"),
                col("quarter_index").as("qi"),
                col(numerator).as("num"),
                col(denominator).as("den"));
    Dataset<Row> county = quarters.withColumnRenamed("county_code", "scope");
    Dataset<Row> city =
        quarters
            .groupBy("year", "q", "qi")
            .agg(sum("num").as("num"), sum("den").as("den"), count(lit(1)).as("counties"))
            .filter(col("counties").equalTo(countyCount))
            .drop("counties")
            .withColumn("scope", lit(Scopes.CITY));
    Dataset<Row> byScope = county.unionByName(city);

    Dataset<Row> months =
        ctx.spine()
            .select(col("period"), col("year").as("m_year"), col("month"))
            .withColumn("k", floor(col("month").divide(3)).cast("int"))
            .withColumn("last_qi", col("m_year").multiply(4).plus(col("k")).minus(1));
    Dataset<Row> ytd =
        byScope
            .join(
                months,
                byScope.col("year").equalTo(months.col("m_year")).and(col("q").leq(col("k"))))
            .groupBy("scope", "period")
            .agg(
                sum("num").as("num"),
                sum("den").as("den"),
                count(lit(1)).as("quarters"),
                max("k").as("k"));
    Dataset<Row> ttm =
        byScope
            .join(months, col("qi").between(col("last_qi").minus(3), col("last_qi")))
            .groupBy("scope", "period")
            .agg(sum("num").as("ttm_num"), sum("den").as("ttm_den"), count(lit(1)).as("ttm_q"));
    Column complete = col("quarters").equalTo(col("k"));
    Dataset<Row> rows =
        ytd.join(ttm, new String[] {"scope", "period"}, "full_outer")
            .select(
                col("scope"),
                col("period"),
                when(complete, ratio(col("num"), col("den"), multiplier)).as("value"),
                when(col("ttm_q").equalTo(4), ratio(col("ttm_num"), col("ttm_den"), multiplier))
                    .as("ttm_value"),
                when(
                        col("quarters").isNotNull().and(complete.unary_$bang()),
                        lit("a quarter of this year is missing from the economy data"))
                    .as("missing_reason"));
    return new Computed(
        rows, "no complete quarter of economy data this year (or a county is missing) for");
  }

  // --- green factories: distinct enterprises with an active certification ---

  private Computed certifiedCount(IndicatorDef def) {
    List<String> levels = def.listParam("levels");
    Dataset<Row> certified =
        ctx.greenFactories()
            .filter(col("level").isin(levels.toArray()))
            .join(ctx.enterprises().select("credit_code", "county_code"), "credit_code")
            .crossJoin(ctx.spine().select("period", "period_end"))
            .filter(
                col("certified_on")
                    .leq(col("period_end"))
                    .and(col("revoked_on").isNull().or(col("revoked_on").gt(col("period_end")))));
    Dataset<Row> counts =
        certified
            .groupBy("county_code", "period")
            .agg(countDistinct("credit_code").as("n"))
            .withColumnRenamed("county_code", "scope")
            .unionByName(
                certified
                    .groupBy("period")
                    .agg(countDistinct("credit_code").as("n"))
                    .withColumn("scope", lit(Scopes.CITY)));
    return countsWithZeros(counts, ctx.greenFactories(), "no green-factory roster submitted for");
  }

  /**
   * Every scope and month gets a count: zero where the register exists but counts nothing there,
   * and missing where no register was submitted at all.
   */
  private Computed countsWithZeros(Dataset<Row> counts, Dataset<Row> register, String reason) {
    Dataset<Row> present = register.agg(count(lit(1)).as("_register_rows"));
    Dataset<Row> rows =
        ctx.scopes()
            .crossJoin(ctx.spine().select("period"))
            .join(counts, new String[] {"scope", "period"}, "left")
            .crossJoin(present)
            .filter(col("_register_rows").gt(0))
            .select(
                col("scope"),
                col("period"),
                coalesce(col("n"), lit(0)).cast("double").as("value"),
                coalesce(col("n"), lit(0)).cast("double").as("ttm_value"),
                lit(null).cast("string").as("missing_reason"));
    return new Computed(rows, reason);
  }

  // --- non-fossil capacity share of active units ---

  private Computed capacityShare(IndicatorDef def) {
    String sources = def.param("sources");
    Column counted =
        sources.equals("non_fossil")
            ? col("non_fossil")
            : col("source").isin((Object[]) sources.split("\\|"));
    Dataset<Row> capacity =
        ctx.powerCapacity()
            .withColumn("counted_mw", when(counted, col("capacity_mw")).otherwise(lit(0)));
    Dataset<Row> rows =
        withCity(capacity, new String[] {"period"}, "capacity_mw", "counted_mw")
            .select(
                col("scope"),
                col("period"),
                ratio(col("counted_mw"), col("capacity_mw"), 100).as("value"),
                ratio(col("counted_mw"), col("capacity_mw"), 100).as("ttm_value"),
                lit("no active generating capacity").as("missing_reason"));
    return new Computed(rows, "no active generating units in");
  }

  // --- share of capacity at the energy-efficiency benchmark ---

  private Computed benchmarkShare() {
    Dataset<Row> lines =
        ctx.lineMonths()
            .withColumn("has_output", col("output_t_12m").gt(0))
            .withColumn(
                "output_capacity", when(col("has_output"), col("capacity_10kt")).otherwise(lit(0)))
            .withColumn(
                "benchmark_capacity",
                when(col("efficiency_class").equalTo("benchmark"), col("capacity_10kt"))
                    .otherwise(lit(0)))
            .withColumn("reporting", when(col("reported_in_month"), lit(1)).otherwise(lit(0)));
    Dataset<Row> rows =
        withCity(
                lines,
                new String[] {"period"},
                "output_capacity",
                "benchmark_capacity",
                "reporting")
            .filter(col("reporting").gt(0))
            .select(
                col("scope"),
                col("period"),
                ratio(col("benchmark_capacity"), col("output_capacity"), 100).as("value"),
                ratio(col("benchmark_capacity"), col("output_capacity"), 100).as("ttm_value"),
                lit("no production line had output in the 12 months").as("missing_reason"));
    return new Computed(rows, "no production-line reports for");
  }

  // --- forest coverage from each county's latest inventory up to the month's year ---

  private Computed forestCoverage() {
    int countyCount = ctx.reference().counties().size();
    Dataset<Row> years = ctx.spine().select(col("period"), col("year").as("m_year"));
    Dataset<Row> latest =
        ctx.forest()
            .join(years, col("year").leq(col("m_year")))
            .withColumn(
                "_rank",
                row_number()
                    .over(Window.partitionBy("county_code", "period").orderBy(col("year").desc())))
            .filter(col("_rank").equalTo(1));
    Dataset<Row> county =
        latest.select(
            col("county_code").as("scope"),
            col("period"),
            col("forest_area_ha").as("forest"),
            col("land_area_ha").as("land"),
            lit(1L).as("counties"));
    Dataset<Row> city =
        latest
            .groupBy("period")
            .agg(
                sum("forest_area_ha").as("forest"),
                sum("land_area_ha").as("land"),
                count(lit(1)).as("counties"))
            .withColumn("scope", lit(Scopes.CITY));
    Column complete = col("scope").notEqual(Scopes.CITY).or(col("counties").equalTo(countyCount));
    Dataset<Row> rows =
        county
            .unionByName(city)
            .select(
                col("scope"),
                col("period"),
                when(complete, ratio(col("forest"), col("land"), 100)).as("value"),
                when(complete, ratio(col("forest"), col("land"), 100)).as("ttm_value"),
                when(
                        complete.unary_$bang(),
                        lit("a county has no forest inventory up to this year"))
                    .as("missing_reason"));
    return new Computed(rows, "no forest inventory up to this year for");
  }

  // --- program registers: counts, shares and areas of items at period end ---

  private Computed program(IndicatorDef def) {
    String program = def.param("program");
    List<String> statuses = def.listParam("statuses");
    Dataset<Row> items =
        ctx.programs()
            .filter(col("program").equalTo(program))
            .crossJoin(ctx.spine().select("period", "period_end"));
    Column counted = lit(false);
    if (statuses.contains("completed")) {
      counted =
          counted.or(
              col("status").equalTo("completed").and(col("completed_on").leq(col("period_end"))));
    }
    if (statuses.contains("in_progress")) {
      counted =
          counted.or(
              col("status")
                  .isin("in_progress", "completed")
                  .and(col("started_on").leq(col("period_end"))));
    }
    if (statuses.contains("planned")) {
      counted = counted.or(col("status").equalTo("planned"));
    }
    Dataset<Row> flagged =
        items
            .withColumn("counted", when(counted, lit(1)).otherwise(lit(0)))
            .withColumn("listed", lit(1))
            .withColumn(
                "counted_area", when(counted, col("area_mu")).otherwise(lit(0)).cast("double"))
            .withColumn("listed_area", coalesce(col("area_mu"), lit(0)).cast("double"));
    Dataset<Row> sums =
        withCity(
            flagged, new String[] {"period"}, "counted", "listed", "counted_area", "listed_area");
    String reason = "no " + program + " items listed in";
    Dataset<Row> register = ctx.programs().filter(col("program").equalTo(program));
    return switch (def.kind()) {
      case "program_count" ->
          countsWithZeros(
              sums.select(col("scope"), col("period"), col("counted").as("n")), register, reason);
      case "program_share" ->
          new Computed(
              sums.select(
                  col("scope"),
                  col("period"),
                  ratio(col("counted"), col("listed"), 100).as("value"),
                  ratio(col("counted"), col("listed"), 100).as("ttm_value"),
                  lit("no items listed").as("missing_reason")),
              reason);
      case "program_area_sum" -> {
        double divisor = Double.parseDouble(def.param("divisor", "1"));
        yield countsWithZeros(
            sums.select(col("scope"), col("period"), col("counted_area").divide(divisor).as("n")),
            register,
            reason);
      }
      default ->
          new Computed(
              sums.select(
                  col("scope"),
                  col("period"),
                  ratio(col("counted_area"), col("listed_area"), 100).as("value"),
                  ratio(col("counted_area"), col("listed_area"), 100).as("ttm_value"),
                  lit("no area listed").as("missing_reason")),
              reason);
    };
  }
}
