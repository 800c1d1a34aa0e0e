package org.benxi.green.jobs.indicators;

import static org.apache.spark.sql.functions.lit;
import static org.benxi.green.jobs.Fixtures.E1;
import static org.benxi.green.jobs.Fixtures.E2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.Fixtures;
import org.benxi.green.jobs.MonthlyJob;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.marts.MonthlyInputs;
import org.benxi.green.jobs.marts.ProgramStarts;
import org.junit.jupiter.api.Test;

class IndicatorSeriesTest extends SparkTestBase {
  private static final ReferenceData SHIPPED = ReferenceData.shipped();
  private static final IndicatorCatalog CATALOG = IndicatorCatalog.shipped();

  /** The shipped reference with only the given counties. */
  private static ReferenceData counties(String... codes) {
    Map<String, ReferenceData.County> only = new LinkedHashMap<>();
    for (String code : codes) {
      only.put(code, SHIPPED.counties().get(code));
    }
    return new ReferenceData(
        only,
        SHIPPED.parks(),
        SHIPPED.industries(),
        SHIPPED.units(),
        SHIPPED.energyFactors(),
        SHIPPED.gridFactors(),
        SHIPPED.wasteCategories(),
        SHIPPED.benchmarks(),
        SHIPPED.powerSources(),
        SHIPPED.quality(),
        SHIPPED.plausibleRanges(),
        SHIPPED.sectors(),
        SHIPPED.countyTargets());
  }

  /** Series rows of one indicator keyed "scope period". */
  private static Map<String, Row> series(
      String indicator, Map<String, Dataset<Row>> given, ReferenceData reference, String period) {
    MonthlyInputs inputs = Fixtures.inputs(spark(), given);
    IndicatorInputs collected =
        MonthlyJob.indicatorInputs(spark(), inputs, reference, CATALOG, YearMonth.parse(period));
    Map<String, Row> byKey = new HashMap<>();
    for (Row r : IndicatorSeries.of(CATALOG.get(indicator), collected)) {
      byKey.put(r.getAs("scope") + " " + r.getAs("period"), r);
    }
    return byKey;
  }

  private static Double value(Map<String, Row> s, String key) {
    return s.get(key).getAs("value");
  }

  private Dataset<Row> staged(String source, String csv) {
    return Fixtures.staged(spark(), SHIPPED, source, csv);
  }

  @Test
  void bulkWasteUtilizationIsYearToDateAndResetsInJanuary() {
    String header =
        "county_code,credit_code,period,category,generated_t,utilized_t,"
            + "utilized_prior_storage_t,disposed_t,stored_t\n";
    Dataset<Row> waste =
        staged(
            "solid_waste",
            header
                + "210502,,2021-11,construction_waste,100,50,0,10,40\n"
                + "210502,,2021-12,construction_waste,100,90,10,10,10\n"
                + "210502,,2022-01,construction_waste,200,100,0,50,50\n"
                + "210502,"
                + E1
                + ",2022-01,other_industrial,1000,0,0,0,1000\n");
    Map<String, Row> s =
        series(
            "bulk_waste_utilization",
            Map.of("solid_waste", waste, "enterprises", Fixtures.enterprises(spark(), SHIPPED)),
            SHIPPED,
            "2022-01");
    // 2021-12: (50 + 90) / (200 + 10) = 66.666667 %; January starts a new year: 100 / 200.
    assertEquals(66.666667, value(s, "210502 2021-12"));
    assertEquals(50.0, value(s, "210502 2022-01"));
    assertEquals(50.0, value(s, "city 2022-01"), "non-bulk other_industrial is left out");
    // Trailing 12 months at 2022-01: (50 + 90 + 100) / (400 + 10).
    assertEquals(58.536585, s.get("210502 2022-01").<Double>getAs("ttm_value"));
    assertNull(value(s, "210503 2022-01"));
    assertEquals(
        "no solid-waste reports for: 210503 2022-01",
        s.get("210503 2022-01").getAs("missing_reason"));
  }

  @Test
  void greenFactoriesCountDistinctEnterprisesAndDropARevokedCertificate() {
    Dataset<Row> roster =
        staged(
            "green_factories",
            "credit_code,level,batch,certified_on,revoked_on\n"
                + E1
                + ",national,第5批,2020-03-01,\n"
                + E1
                + ",provincial,2020,2020-04-01,\n"
                + E2
                + ",provincial,2020,2020-05-01,2021-02-15\n");
    Map<String, Dataset<Row>> given =
        Map.of("green_factories", roster, "enterprises", Fixtures.enterprises(spark(), SHIPPED));
    Map<String, Row> s = series("green_factories", given, SHIPPED, "2021-02");
    assertEquals(0.0, value(s, "city 2020-02"));
    assertEquals(2.0, value(s, "city 2021-01"), "E1 counts once for two levels");
    assertEquals(1.0, value(s, "city 2021-02"), "revoked on 2021-02-15");
    assertEquals(0.0, value(s, "210503 2021-02"), "a true zero, not missing");
    assertEquals(0.0, value(s, "210522 2021-02"));

    Map<String, Row> none =
        series(
            "green_factories",
            Map.of("enterprises", Fixtures.enterprises(spark(), SHIPPED)),
            SHIPPED,
            "2021-02");
    assertNull(value(none, "city 2021-02"), "no roster at all is missing, never zero");
  }

  @Test
  void nonFossilShareCountsUnitsActiveAtMonthEnd() {
    Dataset<Row> plants =
        staged(
            "power_plants",
            "unit_id,name,county_code,source,capacity_mw,commissioned_on,retired_on\n"
                + "C1,coal,210502,coal,300,2010-01-01,2021-06-30\n"
                + "G1,gas,210502,gas,100,2010-01-01,\n"
                + "H1,hydro,210522,hydro,100,2000-01-01,\n"
                + "S1,solar,210522,solar,50,2021-07-01,\n");
    Map<String, Row> s =
        series("non_fossil_capacity_share", Map.of("power_plants", plants), SHIPPED, "2021-07");
    assertEquals(20.0, value(s, "city 2021-05")); // 100 / (300 + 100 + 100)
    assertEquals(50.0, value(s, "city 2021-06")); // coal retired on the last day
    assertEquals(60.0, value(s, "city 2021-07")); // 150 / 250
    assertEquals(100.0, value(s, "210522 2021-07"));
    assertEquals(0.0, value(s, "210502 2021-07"));
    assertNull(value(s, "210503 2021-07"));
  }

  @Test
  void forestCoverageUsesEachCountysLatestInventoryAndNeedsEveryCounty() {
    Dataset<Row> forest =
        staged(
            "forest",
            "county_code,year,land_area_ha,forest_area_ha\n"
                + "210502,2020,100,60\n"
                + "210502,2021,100,62\n"
                + "210503,2020,300,240\n");
    ReferenceData two = counties("210502", "210503");
    Map<String, Row> s = series("forest_coverage", Map.of("forest", forest), two, "2021-06");
    assertEquals(75.0, value(s, "city 2020-06")); // (60 + 240) / 400
    assertEquals(75.5, value(s, "city 2021-06")); // 210503's 2021 inventory is late: 2020 used
    assertEquals(80.0, value(s, "210503 2021-06"));

    ReferenceData three = counties("210502", "210503", "210504");
    Map<String, Row> gap = series("forest_coverage", Map.of("forest", forest), three, "2021-06");
    assertNull(
        value(gap, "city 2021-06"), "a county without any inventory leaves the city missing");
    assertEquals(
        "a county has no forest inventory up to this year",
        gap.get("city 2021-06").getAs("missing_reason"));
  }

  @Test
  void benchmarkShareCountsNegativeConverterEnergyAndSkipsLinesWithoutOutput() {
    StringBuilder csv =
        new StringBuilder("credit_code,line_id,process,capacity_10kt,period,output_t,energy_tce\n");
    for (int m = 1; m <= 12; m++) {
      String period = String.format("2021-%02d", m);
      csv.append(E1).append(",C1,converter,300,").append(period).append(",1000,-30\n");
      csv.append(E1).append(",B1,blast_furnace,400,").append(period).append(",1000,400\n");
      csv.append(E1).append(",S1,sintering,100,").append(period).append(",0,5\n");
    }
    Map<String, Dataset<Row>> given =
        Map.of(
            "production_lines",
            staged("production_lines", csv.toString()),
            "enterprises",
            Fixtures.enterprises(spark(), SHIPPED));
    Map<String, Row> s = series("benchmark_capacity_share", given, SHIPPED, "2021-12");
    // C1: -30 kgce/t <= -30 benchmark; B1: 400 is between 361 and 435; S1 has no output.
    assertEquals(42.857143, value(s, "city 2021-12")); // 300 / (300 + 400)
    assertEquals(42.857143, value(s, "210502 2021-12"));
    assertNull(value(s, "city 2020-12"), "no line reported in 2020");
  }

  @Test
  void economyRatiosUseTheCompleteQuartersOfTheYear() {
    String header =
        "county_code,quarter,gdp_10k_yuan,gdp_2020_prices_10k_yuan,sei_value_added_10k_yuan,"
            + "energy_tce,co2_t,water_10k_m3\n";
    String q1 = "210502,2021-Q1,100,90,8,180,400,0.45\n210503,2021-Q1,300,270,15,540,1200,1.35\n";
    String q2a = "210502,2021-Q2,100,90,10,162,380,0.45\n";
    String q2b = "210503,2021-Q2,300,270,21,486,1100,1.35\n";
    ReferenceData two = counties("210502", "210503");
    Map<String, Dataset<Row>> full = Map.of("economy", staged("economy", header + q1 + q2a + q2b));

    Map<String, Row> sei = series("sei_gdp_share", full, two, "2021-08");
    assertEquals(6.75, value(sei, "city 2021-08")); // (8 + 15 + 10 + 21) / 800
    assertEquals(5.75, value(sei, "city 2021-05")); // Q1 only: 23 / 400
    assertNull(value(sei, "city 2021-02"), "no quarter of 2021 has ended");

    Map<String, Row> energy = series("energy_intensity", full, two, "2021-08");
    assertEquals(1.9, value(energy, "city 2021-08")); // 1368 / 720
    Map<String, Row> water = series("water_intensity", full, two, "2021-08");
    assertEquals(50.0, value(water, "210502 2021-08")); // 0.9 x 10,000 m3 / 180

    Map<String, Dataset<Row>> gap = Map.of("economy", staged("economy", header + q1 + q2a));
    Map<String, Row> partial = series("sei_gdp_share", gap, two, "2021-08");
    assertNull(value(partial, "210503 2021-08"), "210503 lacks Q2");
    assertNull(value(partial, "city 2021-08"), "the city needs every county's quarter");
    assertEquals(9.0, value(partial, "210502 2021-08")); // 18 / 200
  }

  @Test
  void aRegisterStartDateDecidesWhenGivenAndTheFirstListingOtherwise() {
    // The 2021-03 register arrives on 2021-04-12. K1's start date is given (2021-02-15): it counts
    // from February. K2's is not: it counts from the day the register arrived, in April.
    String withStart = "program,item_id,county_code,status,completed_on,area_mu,started_on\n";
    Dataset<Row> march =
        staged(
            "programs",
            withStart
                + "key_technology,K1,210521,in_progress,,,2021-02-15\n"
                + "key_technology,K2,210521,in_progress,,,\n");
    Dataset<Row> drops =
        march
            .withColumn("received", lit(LocalDate.of(2021, 4, 12)))
            .withColumn("reject_reason", lit(null).cast("string"));
    Dataset<Row> programs =
        ProgramStarts.transform(
            march.withColumn("received", lit(LocalDate.of(2021, 4, 12))), drops);
    Map<String, Row> tech =
        series("key_technology_projects", Map.of("programs", programs), SHIPPED, "2021-04");
    assertEquals(0.0, value(tech, "city 2021-01"));
    assertEquals(1.0, value(tech, "city 2021-02"), "K1 from its started_on");
    assertEquals(1.0, value(tech, "city 2021-03"), "K2 not yet: its register arrived in April");
    assertEquals(2.0, value(tech, "city 2021-04"));

    // A later register without the column keeps the date an earlier one gave.
    String without = "program,item_id,county_code,status,completed_on,area_mu\n";
    Dataset<Row> june = staged("programs", without + "key_technology,K1,210521,in_progress,,\n");
    Dataset<Row> both =
        drops.unionByName(
            june.withColumn("received", lit(LocalDate.of(2021, 7, 12)))
                .withColumn("reject_reason", lit(null).cast("string")));
    Row k1 =
        ProgramStarts.transform(june.withColumn("received", lit(LocalDate.of(2021, 7, 12))), both)
            .collectAsList()
            .get(0);
    assertEquals(LocalDate.of(2021, 2, 15), k1.<LocalDate>getAs("started_on"));
  }

  @Test
  void programCountsAreasAndShares() {
    String header = "program,item_id,county_code,status,completed_on,area_mu\n";
    Dataset<Row> early =
        staged(
            "programs",
            header
                + "key_technology,K1,210521,in_progress,,\n"
                + "key_technology,K2,210521,in_progress,,\n"
                + "key_technology,K3,210521,planned,,\n");
    Dataset<Row> late =
        staged(
            "programs",
            header
                + "key_technology,K1,210521,in_progress,,\n"
                + "key_technology,K2,210521,completed,2021-09-30,\n"
                + "key_technology,K3,210521,planned,,\n"
                + "beautiful_village,V1,210522,completed,2021-03-31,\n"
                + "beautiful_village,V2,210522,in_progress,,\n"
                + "conservation_tillage,T1,210521,completed,2021-05-01,30000\n"
                + "conservation_tillage,T2,210521,planned,,20000\n"
                + "polluted_farmland,P1,210522,completed,2021-06-01,300\n"
                + "polluted_farmland,P2,210522,in_progress,,100\n");
    Dataset<Row> drops =
        early
            .withColumn("received", lit(LocalDate.of(2021, 4, 12)))
            .unionByName(late.withColumn("received", lit(LocalDate.of(2021, 10, 12))))
            .withColumn("reject_reason", lit(null).cast("string"));
    Dataset<Row> programs =
        ProgramStarts.transform(
            late.withColumn("received", lit(LocalDate.of(2021, 10, 12))), drops);
    Map<String, Dataset<Row>> given = Map.of("programs", programs);

    Map<String, Row> tech = series("key_technology_projects", given, SHIPPED, "2021-10");
    assertEquals(0.0, value(tech, "city 2021-03"), "first reported in progress on 2021-04-12");
    assertEquals(2.0, value(tech, "city 2021-04"), "K1 and K2 started; K3 only planned");
    assertEquals(2.0, value(tech, "city 2021-10"));

    Map<String, Row> villages = series("beautiful_villages", given, SHIPPED, "2021-10");
    assertEquals(0.0, value(villages, "city 2021-02"));
    assertEquals(1.0, value(villages, "city 2021-03"));

    Map<String, Row> tillage = series("conservation_tillage", given, SHIPPED, "2021-10");
    assertEquals(3.0, value(tillage, "city 2021-05"), "30,000 mu = 3 万亩; planned T2 not counted");

    Map<String, Row> farmland = series("polluted_farmland_safe_use", given, SHIPPED, "2021-10");
    assertEquals(75.0, value(farmland, "city 2021-06")); // 300 / 400
    assertEquals(0.0, value(farmland, "city 2021-05"));

    Map<String, Row> parks = series("park_circular_retrofit", given, SHIPPED, "2021-10");
    assertNull(value(parks, "city 2021-10"), "no park register: missing");
    assertTrue(
        parks
            .get("city 2021-10")
            .<String>getAs("missing_reason")
            .contains("park_circular_retrofit"));
  }

  @Test
  void industrialEnergyIsSummedFromJanuaryAndComparedWithTheYearBefore() {
    String header = "credit_code,period,energy_code,quantity,unit\n";
    Dataset<Row> energy =
        staged(
            "energy",
            header
                + E1
                + ",2020-12,coke,100,t\n"
                + E1
                + ",2021-01,coke,10,t\n"
                + E1
                + ",2021-02,coke,20,t\n"
                + E2
                + ",2021-02,coke,5,t\n");
    Map<String, Row> s =
        series(
            "industrial_energy_consumption",
            Map.of("energy", energy, "enterprises", Fixtures.enterprises(spark(), SHIPPED)),
            SHIPPED,
            "2021-02");
    // Coke at 971.4 kgce/t: 10 t = 9.714 tce in January; February adds (20 + 5) t = 24.285 tce.
    assertEquals(9.714, value(s, "city 2021-01"));
    assertEquals(33.999, value(s, "city 2021-02"));
    assertEquals(29.142, value(s, "210502 2021-02")); // E1 only: 30 t
    assertEquals(4.857, value(s, "210503 2021-02")); // E2: 5 t
    assertEquals(97.14, value(s, "city 2020-12"), "2020 ends its own year");
    // Trailing 12 months at 2021-02: 100 + 10 + 25 t.
    assertEquals(131.139, s.get("city 2021-02").<Double>getAs("ttm_value"));
    assertNull(value(s, "city 2020-11"));
    assertEquals(
        "no energy reports for: city 2020-11", s.get("city 2020-11").getAs("missing_reason"));
  }

  @Test
  void tailingsUtilizationIsTheWasteKindOverOneCategory() {
    String header =
        "county_code,credit_code,period,category,generated_t,utilized_t,"
            + "utilized_prior_storage_t,disposed_t,stored_t\n";
    Dataset<Row> waste =
        staged(
            "solid_waste",
            header
                + "210502,"
                + E1
                + ",2021-03,tailings,1000,300,100,200,600\n"
                + "210502,"
                + E1
                + ",2021-03,smelting_slag,1000,1000,0,0,0\n");
    Map<String, Row> s =
        series(
            "tailings_utilization",
            Map.of("solid_waste", waste, "enterprises", Fixtures.enterprises(spark(), SHIPPED)),
            SHIPPED,
            "2021-03");
    // 300 / (1000 + 100): the slag, fully used, is not a tailing.
    assertEquals(27.272727, value(s, "city 2021-03"));
  }

  @Test
  void everyScopeAndMonthHasARow() {
    Map<String, Row> s = series("forest_coverage", Map.of(), SHIPPED, "2020-12");
    assertEquals(7 * 12, s.size());
    for (Row r : s.values()) {
      assertNull(r.getAs("value"));
      assertTrue(r.<String>getAs("missing_reason").startsWith("no forest inventory"));
    }
  }
}
