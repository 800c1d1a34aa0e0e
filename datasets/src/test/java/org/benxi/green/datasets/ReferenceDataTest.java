package org.benxi.green.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTest {
  private final ReferenceData reference = ReferenceData.shipped();

  @Test
  void coversTheContractCodeLists() {
    assertEquals(
        List.of("210502", "210503", "210504", "210505", "210521", "210522"),
        List.copyOf(reference.counties().keySet()));
    for (String code :
        List.of(
            "raw_coal",
            "washed_coal",
            "coke",
            "coke_oven_gas",
            "blast_furnace_gas",
            "converter_gas",
            "natural_gas",
            "gasoline",
            "diesel",
            "fuel_oil",
            "lpg",
            "electricity",
            "heat")) {
      assertTrue(reference.energyFactors().containsKey(code), code);
    }
    for (String process :
        List.of(
            "coking_top_charged",
            "coking_stamp_charged",
            "sintering",
            "pelletizing",
            "blast_furnace",
            "converter",
            "eaf_30_50t",
            "eaf_50t_plus",
            "cement_clinker")) {
      assertTrue(reference.benchmarks().containsKey(process), process);
    }
    assertEquals(7, reference.wasteCategories().values().stream().filter(c -> c.bulk()).count());
    assertTrue(reference.powerSources().get("pumped_storage").nonFossil());
    assertFalse(reference.powerSources().get("other_fossil").nonFossil());
  }

  @Test
  void qualityThresholdsAreData() {
    assertEquals(0.01, reference.quality().wasteBalanceTolerance());
    assertEquals(3, reference.quality().missingReporterLookbackMonths());
    assertTrue(
        reference.plausibleRanges().stream()
            .anyMatch(r -> r.source().equals("power_plants") && r.column().equals("capacity_mw")));
  }

  @Test
  void electricityUsesTheCalorificEquivalent() {
    assertEquals(
        0,
        new BigDecimal("0.1229")
            .compareTo(reference.energyFactors().get("electricity").kgcePerBaseUnit()));
  }

  @Test
  void gridFactorIsTheLatestNotAfterTheDataYear() {
    assertEquals(2021, reference.gridFactorFor(2020).factorYear(), "earliest published applies");
    assertEquals(2021, reference.gridFactorFor(2021).factorYear());
    assertEquals(2022, reference.gridFactorFor(2025).factorYear());
  }

  @Test
  void everyReferenceRowNamesItsSourceAndYear() {
    for (String file :
        List.of(
            "counties.csv",
            "parks.csv",
            "industries.csv",
            "units.csv",
            "energy_factors.csv",
            "waste_categories.csv",
            "efficiency_benchmarks.csv",
            "power_sources.csv")) {
      CsvTable table = CsvTable.resource("green/reference/" + file);
      String sourceColumn = table.header().contains("source") ? "source" : "source_doc";
      for (Map<String, String> row : table.rows()) {
        assertFalse(table.get(row, sourceColumn).isBlank(), file + " row without source");
        assertTrue(table.get(row, "year").matches("\\d{4}"), file + " row without year");
      }
    }
  }

  @Test
  void aDataRootOverridesOneFileAndKeepsTheRest(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("reference"));
    Files.writeString(
        root.resolve("reference/counties.csv"),
        "county_code,name_zh,name_en,kind,source,edition,year\n"
            + "210502,平山区,Pingshan District,district,test,2023,2023\n");
    ReferenceData custom = ReferenceData.load(root);
    assertEquals(List.of("210502"), List.copyOf(custom.counties().keySet()));
    assertEquals(reference.energyFactors().keySet(), custom.energyFactors().keySet());
  }

  @Test
  void anEnergyAllowingAnUndefinedUnitFailsWithTheFileName(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("reference"));
    Files.writeString(
        root.resolve("reference/energy_factors.csv"),
        "energy_code,name_zh,name_en,base_unit,allowed_units,kgce_per_base_unit,"
            + "tco2_per_base_unit,source,edition,year,verified,note\n"
            + "coke,焦炭,coke,t,t|bucket,971.4,2.86,x,2020,2020,N,\n");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ReferenceData.load(root));
    assertTrue(e.getMessage().contains("energy_factors.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("bucket"), e.getMessage());
  }

  @Test
  void aReferenceLinkOutOfTheDataRootIsRefusedWithoutReadingIt(@TempDir Path dir)
      throws IOException {
    Path root = Files.createDirectories(dir.resolve("data/reference"));
    Path outside = Files.writeString(dir.resolve("counties.csv"), "county_code\n=1+1\n");
    Files.createSymbolicLink(root.resolve("counties.csv"), outside);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceData.load(root.getParent()));
    assertEquals(
        "reference/counties.csv: a symbolic link that leads outside the data root; not read",
        e.getMessage());
  }

  @Test
  void aReferenceEntryThatIsAFolderIsRefusedByName(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("reference/parks.csv"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceData.load(root));
    assertEquals("reference/parks.csv: not a regular file", e.getMessage());
  }

  @Test
  void aMalformedReferenceFileIsNamedWithItsLine(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("reference"));
    Path units = root.resolve("reference/units.csv");
    Files.writeString(
        units,
        "unit,base_unit,factor_to_base,source,edition,year\n"
            + "t,t,1,x,2020,2020\n"
            + "kt,t,a thousand,x,2020,2020\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceData.load(root));
    assertTrue(e.getMessage().startsWith(units + ":3: NumberFormatException"), e.getMessage());

    Files.writeString(units, "unit,base_unit\n\"t,t\n");
    e = assertThrows(IllegalArgumentException.class, () -> ReferenceData.load(root));
    assertTrue(e.getMessage().startsWith(units + ": not a readable CSV file"), e.getMessage());
  }
}
