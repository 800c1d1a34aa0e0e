package org.benxi.green.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.benxi.green.jobs.Fixtures.E1;
import static org.benxi.green.jobs.Fixtures.E2;
import static org.benxi.green.jobs.Fixtures.E3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.FileTally;
import org.benxi.green.jobs.Fixtures;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.ingest.StageJob;
import org.benxi.green.jobs.marts.MonthlyInputs;
import org.benxi.green.jobs.publish.Manifest;
import org.junit.jupiter.api.Test;

class DataQualityTest extends SparkTestBase {
  private static final ReferenceData REFERENCE = ReferenceData.shipped();

  private MonthlyInputs inputs(String energyCsv, String wasteCsv) {
    return Fixtures.inputs(
        spark(),
        Map.of(
            "enterprises", Fixtures.enterprises(spark(), REFERENCE),
            "energy", Fixtures.staged(spark(), REFERENCE, "energy", energyCsv),
            "solid_waste", Fixtures.staged(spark(), REFERENCE, "solid_waste", wasteCsv)));
  }

  private static final String ENERGY = "credit_code,period,energy_code,quantity,unit\n";
  private static final String WASTE =
      "county_code,credit_code,period,category,generated_t,utilized_t,utilized_prior_storage_t,"
          + "disposed_t,stored_t\n";

  @Test
  void warningsFlagImbalanceJumpsAndImplausibleValuesOnAcceptedRows() {
    MonthlyInputs in =
        inputs(
            ENERGY
                + E1
                + ",2024-01,coke,100,t\n"
                + E1
                + ",2024-02,coke,\"0.1\",10kt\n" // 1,000 t: x10, a jump despite the unit
                + E1
                + ",2024-03,coke,1100,t\n" // x1.1: fine
                + E2
                + ",2024-01,diesel,10,t\n"
                + E2
                + ",2024-03,diesel,100,t\n", // two months apart: not a month-over-month jump
            WASTE
                + "210502,"
                + E1
                + ",2024-01,smelting_slag,100,80,0,5,15\n" // balances
                + "210502,"
                + E1
                + ",2024-02,smelting_slag,100,80,0,5,13.5\n" // 1.5% off
                + "210502,"
                + E1
                + ",2024-03,smelting_slag,6000000,80,0,5,5999915\n");
    List<String> warnings =
        Warnings.all(in, REFERENCE).orderBy("source", "line", "warning").collectAsList().stream()
            .map(
                r ->
                    r.getAs("source")
                        + ":"
                        + r.getAs("line")
                        + " "
                        + r.getAs("warning")
                        + " "
                        + r.getAs("county_code"))
            .toList();
    assertEquals(
        List.of(
            "energy:3 month_over_month_jump 210502",
            "solid_waste:3 waste_flow_imbalance 210502",
            "solid_waste:4 implausible_value 210502",
            "solid_waste:4 month_over_month_jump 210502"),
        warnings);
  }

  @Test
  void missingReportersReportedInTheLastThreeMonthsButNotThisOne() {
    MonthlyInputs in =
        inputs(
            ENERGY
                + E1
                + ",2024-05,coke,100,t\n"
                + E1
                + ",2024-06,coke,100,t\n"
                + E1
                + ",2024-06,diesel,3,t\n" // a second row of E1's June: reported once
                + E2
                + ",2024-03,diesel,10,t\n" // within 2024-03..05, silent in June
                + E3
                + ",2024-02,diesel,10,t\n", // last seen four months ago: not chased
            WASTE);
    YearMonth june = YearMonth.of(2024, 6);
    Dataset<Row> reported = DataQuality.reported(in);
    assertEquals(
        List.of(
            E2 + " 2024-03 2024-03 false",
            E3 + " 2024-02 2024-02 false",
            E1 + " 2024-06 2024-05 true"),
        lines(
            DataQuality.reporting(reported, june).orderBy("credit_code"),
            "credit_code",
            "period",
            "last_before",
            "reports_now"));
    List<Row> missing =
        DataQuality.missingReporters(
                DataQuality.reporting(reported, june), in.enterprises(), REFERENCE, june)
            .collectAsList();
    assertEquals(1, missing.size());
    assertEquals(E2, missing.get(0).getAs("credit_code"));
    assertEquals("2024-03", missing.get(0).getAs("last_reported_period"));
    assertEquals("210503", missing.get(0).getAs("county_code"));
    assertEquals("energy", missing.get(0).getAs("source"));

    // Carried: May's last reported months plus June's own rows find the same enterprise.
    Dataset<Row> carried =
        DataQuality.lastReported(DataQuality.reporting(reported, june.minusMonths(1)))
            .unionByName(reported.filter(col("period").equalTo("2024-06")));
    assertEquals(
        missing,
        DataQuality.missingReporters(
                DataQuality.reporting(carried, june), in.enterprises(), REFERENCE, june)
            .collectAsList());
    assertEquals(
        List.of(E2 + " 2024-03", E3 + " 2024-02", E1 + " 2024-06"),
        lines(
            DataQuality.lastReported(DataQuality.reporting(reported, june)).orderBy("credit_code"),
            "credit_code",
            "period"));
  }

  @Test
  void theRejectionLimitNamesTheSourceAndRate() {
    List<Manifest.Input> inputs =
        List.of(input("energy", 100, 6), input("energy", 100, 5), input("forest", 6, 0));
    IllegalArgumentException e =
        assertThrows(
            FileTally.RejectionLimitExceeded.class,
            () -> FileTally.checkRejectionLimit(inputs, 0.05));
    assertEquals(
        "energy: 5.5% of 200 rows rejected (limit 5.0%); nothing published, see ./green validate",
        e.getMessage());
    FileTally.checkRejectionLimit(inputs, 0.06); // 5.5% is within a 6% limit: no exception
  }

  private static Manifest.Input input(String source, long read, long rejected) {
    return new Manifest.Input(
        source + ".csv", source, "2024-07-01", "0", 1, read, read - rejected, rejected, List.of());
  }

  @Test
  void rowsReadCountsEachSourceByCountyFromTheRowOrItsEnterprise() {
    StructType schema =
        new StructType()
            .add("src", DataTypes.StringType)
            .add("file", DataTypes.StringType)
            .add("received", DataTypes.DateType)
            .add("credit_code", DataTypes.StringType)
            .add("county_code", DataTypes.StringType)
            .add("reject_reason", DataTypes.StringType);
    LocalDate may = LocalDate.of(2024, 6, 10);
    LocalDate june = LocalDate.of(2024, 7, 10);
    Dataset<Row> energy =
        spark()
            .createDataFrame(
                List.of(
                    // E1's county from the register (energy rows carry none): 210502
                    RowFactory.create("energy", "e1.csv", may, E1, null, null),
                    RowFactory.create("energy", "e1.csv", may, E1, null, "negative_value"),
                    // E2 (210503) in a later file
                    RowFactory.create("energy", "e2.csv", june, E2, null, null),
                    // not in the register, and no county of its own: unknown
                    RowFactory.create("energy", "e2.csv", june, "X", null, "unknown_enterprise"),
                    // no enterprise at all: unknown
                    RowFactory.create("energy", "e2.csv", june, null, null, "missing_value")),
                schema);
    Dataset<Row> waste =
        spark()
            .createDataFrame(
                List.of(
                    // its own valid county wins over E1's 210502
                    RowFactory.create("solid_waste", "w.csv", may, E1, "210505", null),
                    // a county report (no enterprise) with a county that is not Benxi's: unknown
                    RowFactory.create("solid_waste", "w.csv", may, null, "999999", "bad_county")),
                schema);
    Map<String, Dataset<Row>> outcomes = new java.util.LinkedHashMap<>();
    outcomes.put("energy", energy);
    outcomes.put("solid_waste", waste);
    Dataset<Row> read =
        DataQuality.rowsRead(
            outcomes,
            StageJob.knownEnterprises(Fixtures.enterprises(spark(), REFERENCE)),
            REFERENCE);

    List<String> counts =
        DataQuality.readCounts(read).orderBy("source", "county_code").collectAsList().stream()
            .map(
                r ->
                    r.getAs("source")
                        + " "
                        + r.getAs("county_code")
                        + " files="
                        + r.getAs("files")
                        + " read="
                        + r.getAs("rows_read")
                        + " accepted="
                        + r.getAs("rows_accepted")
                        + " rejected="
                        + r.getAs("rows_rejected")
                        + " latest="
                        + r.getAs("latest_received"))
            .toList();
    assertEquals(
        List.of(
            "energy 210502 files=1 read=2 accepted=1 rejected=1 latest=2024-06-10",
            "energy 210503 files=1 read=1 accepted=1 rejected=0 latest=2024-07-10",
            "energy unknown files=1 read=2 accepted=0 rejected=2 latest=2024-07-10",
            "solid_waste 210505 files=1 read=1 accepted=1 rejected=0 latest=2024-06-10",
            "solid_waste unknown files=1 read=1 accepted=0 rejected=1 latest=2024-06-10"),
        counts);
    List<String> rejects =
        lines(
            DataQuality.rejectCounts(read).orderBy("source", "county_code", "code"),
            "source",
            "county_code",
            "code",
            "rows");
    assertEquals(
        List.of(
            "energy 210502 negative_value 1",
            "energy unknown missing_value 1",
            "energy unknown unknown_enterprise 1",
            "solid_waste unknown bad_county 1"),
        rejects);
  }

  @Test
  void dataQualitySummaryCountsRowsPerSourceAndCounty() {
    Dataset<Row> outcomes =
        Fixtures.enterprises(spark(), REFERENCE)
            .withColumn("reject_reason", org.apache.spark.sql.functions.lit(null).cast("string"))
            .withColumn("src", org.apache.spark.sql.functions.lit("enterprises"));
    Dataset<Row> none = spark().createDataFrame(List.of(), Warnings.SCHEMA);
    MonthlyInputs in = inputs(ENERGY, WASTE);
    List<Row> rows =
        DataQuality.summary(
                DataQuality.readCounts(
                    DataQuality.rowsRead(
                        Map.of("enterprises", outcomes),
                        StageJob.knownEnterprises(in.enterprises()),
                        REFERENCE)),
                none,
                DataQuality.missingReporters(
                    DataQuality.reporting(DataQuality.reported(in), YearMonth.of(2024, 6)),
                    in.enterprises(),
                    REFERENCE,
                    YearMonth.of(2024, 6)))
            .orderBy("county_code")
            .collectAsList();
    assertEquals(3, rows.size());
    assertEquals("210502", rows.get(0).getAs("county_code"));
    assertEquals(1L, rows.get(0).<Long>getAs("rows_read"));
    assertEquals(1L, rows.get(0).<Long>getAs("rows_accepted"));
    assertEquals(0L, rows.get(0).<Long>getAs("warnings"));
  }

  /** Each row of {@code frame}, in its order: the values of {@code columns}, space-separated. */
  private static List<String> lines(Dataset<Row> frame, String... columns) {
    return frame.collectAsList().stream()
        .map(
            r ->
                Arrays.stream(columns)
                    .map(c -> String.valueOf(r.<Object>getAs(c)))
                    .collect(Collectors.joining(" ")))
        .toList();
  }
}
