package org.benxi.green.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorCatalogTest {
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
            "tailings_utilization"),
        catalog.indicators().stream().map(IndicatorDef::id).toList());
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
  void planRunsSixtyMonthsFromTheBaseline() {
    assertEquals(YearMonth.of(2020, 12), catalog.baselinePeriod());
    assertEquals(60, catalog.planMonths());
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
            + "categories=tailings,三(一)3,市发展改革委,Development and Reform Commission,20,test,16";
    StringBuilder csv = new StringBuilder(String.join(",", base.header())).append('\n');
    csv.append(extra).append('\n');
    java.nio.file.Path file;
    try {
      file = java.nio.file.Files.createTempFile("indicators", ".csv");
      java.nio.file.Files.writeString(file, csv);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    IndicatorCatalog custom =
        IndicatorCatalog.from(CsvTable.file(file), CsvTable.resource("green/catalog/plan.csv"));
    assertEquals(List.of("tailings"), custom.get("tailings_utilization").listParam("categories"));
  }
}
