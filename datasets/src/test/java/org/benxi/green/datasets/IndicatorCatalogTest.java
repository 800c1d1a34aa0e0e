package org.benxi.green.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorCatalogTest {
  @TempDir static java.nio.file.Path dir;
  private final IndicatorCatalog catalog = IndicatorCatalog.shipped();

  @Test
  void holdsTheFifteenIndicatorsOfTheSpecInOrderThenTheAddedOnes() {
    assertEquals(
        List.of(
            "sei_gdp_share",
            "green_factories",
            "benchmark_capacity_share",
            "bulk_waste_utilization",
            "park_circular_retrofit",
            "one_village_one_product",
            "non_fossil_capacity_share",
            "conservation_tillage",
            "forest_coverage",
            "polluted_farmland_safe_use",
            "beautiful_villages",
            "key_technology_projects",
            "energy_intensity",
            "carbon_intensity",
            "water_intensity",
            "industrial_energy_consumption",
            "tailings_utilization",
            "energy_intensity",
            "carbon_intensity"),
        catalog.indicators().stream().map(IndicatorDef::id).toList());
    assertEquals(17, catalog.measures().size());
  }

  @Test
  void targetsAndComparatorsMatchThePlan() {
    assertEquals(75.0, catalog.get("bulk_waste_utilization").target());
    assertEquals(76.4, catalog.get("forest_coverage").target());
    assertEquals(
        IndicatorDef.Comparator.ABOVE, catalog.get("benchmark_capacity_share").comparator());
    assertEquals("三(四)14", catalog.get("non_fossil_capacity_share").clause());
    assertTrue(catalog.get("energy_intensity").fallsEveryYear());
    assertNull(catalog.get("energy_intensity").target());
    for (IndicatorDef def : catalog.indicators()) {
      assertFalse(def.departmentsZh().isBlank(), def.id());
      assertFalse(def.nameEn().isBlank(), def.id());
    }
  }

  @Test
  void plansRunSixtyMonthsFromTheBaselineAndTheSeriesStartInItsJanuary() {
    Plan benxi = catalog.plan("benxi_2022_9");
    assertEquals("本政办发〔2022〕9号", benxi.document());
    assertEquals(YearMonth.of(2020, 12), benxi.baselinePeriod());
    assertEquals(60, benxi.months());
    assertEquals(benxi, catalog.mainPlan());
    assertFalse(benxi.endedBy(YearMonth.of(2025, 12)));
    assertTrue(benxi.endedBy(YearMonth.of(2026, 1)));
    assertEquals(YearMonth.of(2020, 1), catalog.seriesStart());
  }

  @Test
  void theNationalIntensityTargetsAreASecondPlanOnTheSameMeasures() {
    IndicatorDef energy = catalog.get("energy_intensity", "national_14th_fyp");
    assertEquals(IndicatorDef.Comparator.CHANGE_AT_MOST, energy.comparator());
    assertEquals(-13.5, energy.target());
    assertEquals(-18.0, catalog.get("carbon_intensity", "national_14th_fyp").target());
    assertTrue(energy.sameMeasure(catalog.get("energy_intensity", "benxi_2022_9")));
    assertEquals(2, catalog.rowsOf("energy_intensity").size());
    assertEquals("benxi_2022_9", catalog.get("energy_intensity").plan());
  }

  @Test
  void aRowNamingAnUnknownPlanOrRedefiningAMeasureIsRefusedWithItsLine() {
    String energy =
        "energy_intensity,万元地区生产总值能源消费量,Energy consumption per 10k yuan of GDP,tce/万元,"
            + "-13.5,change_vs_baseline <=,economy_intensity_ytd,%s,专栏1,国家,National,,test,18,%s";
    String same = "numerator=energy_tce;denominator=gdp_2020_prices_10k_yuan;scale=1";
    IllegalStateException unknown =
        assertThrows(
            IllegalStateException.class,
            () -> withRows(String.format(energy, same, "national_15th_fyp")));
    assertTrue(unknown.getMessage().contains(".csv:21: indicator energy_intensity names plan"));
    IllegalStateException redefined =
        assertThrows(
            IllegalStateException.class,
            () -> withRows(String.format(energy, same.replace("scale=1", "scale=2"), "x_plan")));
    assertTrue(redefined.getMessage().contains(".csv:21: indicator energy_intensity differs"));
  }

  /** The shipped catalog with {@code extra} rows appended, and a test plan {@code x_plan}. */
  private static IndicatorCatalog withRows(String... extra) {
    CsvTable base = CsvTable.resource("green/catalog/indicators.csv");
    StringBuilder csv = new StringBuilder(String.join(",", base.header())).append('\n');
    for (Map<String, String> row : base.rows()) {
      csv.append(
              row.values().stream()
                  .map(v -> v.contains(",") ? '"' + v + '"' : v)
                  .collect(java.util.stream.Collectors.joining(",")))
          .append('\n');
    }
    for (String row : extra) {
      csv.append(row).append('\n');
    }
    String plans =
        "plan_id,document,title,baseline_period,target_period,source\n"
            + "benxi_2022_9,d,t,2020-12,2025-12,s\nnational_14th_fyp,d,t,2020-12,2025-12,s\n"
            + "x_plan,d,t,2020-12,2030-12,s\n";
    return IndicatorCatalog.from(CsvTable.file(write(csv)), CsvTable.file(write(plans)));
  }

  private static java.nio.file.Path write(CharSequence text) {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile(dir, "catalog", ".csv");
      java.nio.file.Files.writeString(file, text);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void parametersAreParsedAndRequiredOnesAreNamedWhenAbsent() {
    IndicatorDef water = catalog.get("water_intensity");
    assertEquals("10000", water.param("scale"));
    assertEquals(
        List.of("in_progress", "completed"),
        catalog.get("key_technology_projects").listParam("statuses"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> water.param("categories"));
    assertTrue(e.getMessage().contains("water_intensity"), e.getMessage());
  }

  @Test
  void anIndicatorOfAnExistingKindIsJustARow() {
    CsvTable base = CsvTable.resource("green/catalog/indicators.csv");
    String extra =
        "tailings_utilization,尾矿综合利用率,Tailings utilization,%,40,>=,waste_utilization_ytd,"
            + "categories=tailings,三(一)3,市发展改革委,Development and Reform Commission,20,test,16,"
            + "benxi_2022_9";
    StringBuilder csv = new StringBuilder(String.join(",", base.header())).append('\n');
    csv.append(extra).append('\n');
    java.nio.file.Path file;
    try {
      file = java.nio.file.Files.createTempFile(dir, "indicators", ".csv");
      java.nio.file.Files.writeString(file, csv);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    IndicatorCatalog custom =
        IndicatorCatalog.from(CsvTable.file(file), CsvTable.resource("green/catalog/plans.csv"));
    assertEquals(List.of("tailings"), custom.get("tailings_utilization").listParam("categories"));
  }
}
