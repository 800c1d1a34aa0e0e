package org.benxi.green.jobs.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DecimalType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.marts.MonthlyInputs;
import org.benxi.green.jobs.marts.Scopes;

/**
 * The small tables every indicator kind reads, brought to the driver in one Spark job: waste by
 * county, month and category; the economy's county quarters; green-factory certifications with
 * their enterprise's county; power capacity by county, month and source; production-line capacity
 * by county and month; forest inventories; program register items; and energy use by county and
 * month. Each kind names the inputs it reads ({@link IndicatorKind#inputs}). Each stays small at
 * any number of enterprises: it is aggregated, or a register of counties, plants or programs.
 */
public record IndicatorInputs(
    List<YearMonth> months,
    List<String> scopes,
    int counties,
    List<Waste> waste,
    List<Economy> economy,
    List<Cert> certs,
    List<Power> power,
    List<LineSum> lines,
    List<Forest> forest,
    List<Program> programs,
    List<EnergySum> energy) {

  /** Waste flows of one county, month and category. */
  public record Waste(
      YearMonth period,
      String county,
      String category,
      boolean bulk,
      BigDecimal generated,
      BigDecimal utilized,
      BigDecimal prior) {}

  /** One county's quarter: its decimal measures by column name. */
  public record Economy(String county, String quarter, Map<String, BigDecimal> values) {}

  /** One certification and its enterprise's county ({@code null} when not in the register). */
  public record Cert(
      String creditCode, String county, String level, LocalDate certifiedOn, LocalDate revokedOn) {}

  /** Capacity active at the end of a month, by county and power source. */
  public record Power(
      YearMonth period, String county, String source, boolean nonFossil, BigDecimal capacity) {}

  /**
   * Production lines of one county in one month: capacity of lines with output in the trailing 12
   * months, of lines at benchmark, and how many lines reported in the month itself.
   */
  public record LineSum(
      YearMonth period,
      String county,
      BigDecimal outputCapacity,
      BigDecimal benchmarkCapacity,
      long reporting) {}

  /** Energy use of the reporting enterprises of one county in one month, tce. */
  public record EnergySum(YearMonth period, String county, BigDecimal tce) {}

  /** One county's forest inventory of one year. */
  public record Forest(String county, int year, BigDecimal land, BigDecimal forest) {}

  /** One program register item with its start date. */
  public record Program(
      String program,
      String itemId,
      String county,
      String status,
      LocalDate completedOn,
      LocalDate startedOn,
      BigDecimal area) {}

  /** The names of the inputs, as kinds name them ({@link IndicatorKind#inputs}). */
  public static final List<String> NAMES =
      List.of("waste", "economy", "certs", "power", "lines", "forest", "programs", "energy");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * One {@code (input, row)} frame of JSON rows, whose single collect brings every {@code wanted}
   * input (the ones the catalog's kinds read) to the driver. {@code waste}, {@code power}, {@code
   * lineMonths} and {@code sectorMonth} are the run's (cached) waste, power-capacity,
   * production-line and energy frames; the rest comes from the staged sources.
   */
  public static Dataset<Row> frame(
      Set<String> wanted,
      MonthlyInputs in,
      Dataset<Row> waste,
      Dataset<Row> power,
      Dataset<Row> lineMonths,
      Dataset<Row> sectorMonth) {
    Map<String, Supplier<Dataset<Row>>> parts = new LinkedHashMap<>();
    parts.put(
        "waste",
        () ->
            json(
                "waste",
                waste,
                "period",
                "county_code",
                "category",
                "bulk",
                "generated_t",
                "utilized_t",
                "utilized_prior_storage_t"));
    parts.put(
        "economy",
        () -> {
          List<String> columns = new ArrayList<>(List.of("county_code", "quarter"));
          Arrays.stream(in.economy().schema().fields())
              .filter(f -> f.dataType() instanceof DecimalType)
              .forEach(f -> columns.add(f.name()));
          return json("economy", in.economy(), columns.toArray(String[]::new));
        });
    parts.put(
        "certs",
        () ->
            json(
                "certs",
                in.greenFactories()
                    .join(
                        in.enterprises().select(col("credit_code"), col("county_code")),
                        new String[] {"credit_code"},
                        "left"),
                "credit_code",
                "county_code",
                "level",
                "certified_on",
                "revoked_on"));
    parts.put(
        "power",
        () -> json("power", power, "period", "county_code", "source", "non_fossil", "capacity_mw"));
    parts.put(
        "lines",
        () ->
            json(
                "lines",
                lineMonths
                    .groupBy("county_code", "period")
                    .agg(
                        sum(when(col("output_t_12m").gt(0), col("capacity_10kt")).otherwise(lit(0)))
                            .as("output_capacity"),
                        sum(when(col("efficiency_class").equalTo("benchmark"), col("capacity_10kt"))
                                .otherwise(lit(0)))
                            .as("benchmark_capacity"),
                        sum(when(col("reported_in_month"), lit(1)).otherwise(lit(0)))
                            .as("reporting")),
                "period",
                "county_code",
                "output_capacity",
                "benchmark_capacity",
                "reporting"));
    parts.put(
        "forest",
        () -> json("forest", in.forest(), "county_code", "year", "land_area_ha", "forest_area_ha"));
    parts.put(
        "energy",
        () ->
            json(
                "energy",
                sectorMonth.groupBy("county_code", "period").agg(sum("tce").as("tce")),
                "period",
                "county_code",
                "tce"));
    parts.put(
        "programs",
        () ->
            json(
                "programs",
                in.programs(),
                "program",
                "item_id",
                "county_code",
                "status",
                "completed_on",
                "started_on",
                "area_mu"));
    if (!parts.keySet().equals(Set.copyOf(NAMES)) || !parts.keySet().containsAll(wanted)) {
      throw new IllegalStateException("Inputs " + parts.keySet() + ", wanted " + wanted);
    }
    return parts.entrySet().stream()
        .filter(e -> wanted.contains(e.getKey()))
        .map(e -> e.getValue().get())
        .reduce(Dataset::unionByName)
        .orElseThrow(() -> new IllegalArgumentException("No indicator input wanted"));
  }

  private static Dataset<Row> json(String input, Dataset<Row> rows, String... columns) {
    Column[] cols = Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new);
    return rows.select(lit(input).as("input"), to_json(struct(cols)).as("row"));
  }

  /** Parses the collected {@link #frame} rows. */
  public static IndicatorInputs parse(
      List<Row> rows, List<YearMonth> months, ReferenceData reference) {
    Map<String, List<JsonNode>> byInput = new LinkedHashMap<>();
    for (Row r : rows) {
      try {
        byInput
            .computeIfAbsent(r.getString(0), k -> new ArrayList<>())
            .add(JSON.readTree(r.getString(1)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Indicator input " + r.getString(0) + " is not JSON", e);
      }
    }
    List<Waste> waste = new ArrayList<>();
    for (JsonNode n : byInput.getOrDefault("waste", List.of())) {
      waste.add(
          new Waste(
              YearMonth.parse(text(n, "period")),
              text(n, "county_code"),
              text(n, "category"),
              n.path("bulk").asBoolean(),
              decimal(n, "generated_t"),
              decimal(n, "utilized_t"),
              decimal(n, "utilized_prior_storage_t")));
    }
    List<Economy> economy = new ArrayList<>();
    for (JsonNode n : byInput.getOrDefault("economy", List.of())) {
      Map<String, BigDecimal> values = new LinkedHashMap<>();
      n.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isNumber()) {
                  values.put(e.getKey(), e.getValue().decimalValue());
                }
              });
      economy.add(new Economy(text(n, "county_code"), text(n, "quarter"), values));
    }
    List<Cert> certs = new ArrayList<>();
    for (JsonNode n : byInput.getOrDefault("certs", List.of())) {
      certs.add(
          new Cert(
              text(n, "credit_code"),
              text(n, "county_code"),
              text(n, "level"),
              date(n, "certified_on"),
              date(n, "revoked_on")));
    }
    List<Power> power = new ArrayList<>();
    for (JsonNode n : byInput.getOrDefault("power", List.of())) {
      power.add(
          new Power(
              YearMonth.parse(text(n, "period")),
              text(n, "county_code"),
              text(n, "source"),
              n.path("non_fossil").asBoolean(),
              decimal(n, "capacity_mw")));
    }
    List<LineSum> lines = new ArrayList<>();
    for (JsonNode n : byInput.getOrDefault("lines", List.of())) {
      lines.add(
          new LineSum(
              YearMonth.parse(text(n, "period")),
              text(n, "county_code"),
              decimal(n, "output_capacity"),
              decimal(n, "benchmark_capacity"),
              n.path("reporting").asLong()));
    }
    List<Forest> forest = new ArrayList<>();
    for (JsonNode n : byInput.getOrDefault("forest", List.of())) {
      forest.add(
          new Forest(
              text(n, "county_code"),
              n.path("year").asInt(),
              decimal(n, "land_area_ha"),
              decimal(n, "forest_area_ha")));
    }
    List<Program> programs = new ArrayList<>();
    for (JsonNode n : byInput.getOrDefault("programs", List.of())) {
      programs.add(
          new Program(
              text(n, "program"),
              text(n, "item_id"),
              text(n, "county_code"),
              text(n, "status"),
              date(n, "completed_on"),
              date(n, "started_on"),
              decimal(n, "area_mu")));
    }
    List<EnergySum> energy = new ArrayList<>();
    for (JsonNode n : byInput.getOrDefault("energy", List.of())) {
      energy.add(
          new EnergySum(
              YearMonth.parse(text(n, "period")), text(n, "county_code"), decimal(n, "tce")));
    }
    return new IndicatorInputs(
        List.copyOf(months),
        Scopes.all(reference),
        reference.counties().size(),
        waste,
        economy,
        certs,
        power,
        lines,
        forest,
        programs,
        energy);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static BigDecimal decimal(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.decimalValue();
  }

  private static LocalDate date(JsonNode n, String field) {
    String text = text(n, field);
    return text == null ? null : LocalDate.parse(text);
  }
}
