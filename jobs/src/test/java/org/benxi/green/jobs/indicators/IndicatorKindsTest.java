package org.benxi.green.jobs.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.benxi.green.datasets.CsvTable;
import org.benxi.green.datasets.IndicatorCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog is held to the registered kinds when it loads, with its file and line. */
class IndicatorKindsTest {
  private static final String HEADER =
      "indicator_id,name_zh,name_en,unit,target,comparator,kind,params,clause,departments_zh,"
          + "departments_en,baseline_2020,baseline_source,display_order,plan\n";

  private static IndicatorCatalog catalog(Path dir, String rows) throws IOException {
    Path file = Files.writeString(dir.resolve("indicators.csv"), HEADER + rows);
    return IndicatorCatalog.from(CsvTable.file(file), CsvTable.resource("green/catalog/plans.csv"));
  }

  @Test
  void theShippedCatalogNamesOnlyRegisteredKindsWithTheirParameters() {
    IndicatorKinds.check(IndicatorKinds.catalog());
    for (var def : IndicatorKinds.catalog().indicators()) {
      assertEquals(def.kind(), IndicatorKinds.of(def.kind()).name());
    }
  }

  @Test
  void anUnknownKindIsNamedWithTheCatalogLineAndTheKnownKinds(@TempDir Path dir)
      throws IOException {
    IndicatorCatalog bad =
        catalog(
            dir,
            "a,甲,A,%,1,>=,forest_coverage,,x,y,z,,s,1,benxi_2022_9\n"
                + "b,乙,B,%,1,>=,waste_utilisation_ytd,categories=bulk,x,y,z,,s,2,benxi_2022_9\n");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> IndicatorKinds.check(bad));
    assertEquals(
        dir.resolve("indicators.csv")
            + ":3: indicator b has unknown kind 'waste_utilisation_ytd'; known kinds: "
            + String.join(", ", IndicatorKinds.names()),
        e.getMessage());
  }

  @Test
  void aMissingParameterIsNamedWithTheCatalogLine(@TempDir Path dir) throws IOException {
    IndicatorCatalog bad =
        catalog(dir, "c,丙,C,个,5,>=,program_count,program=x,x,y,z,,s,1,benxi_2022_9\n");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> IndicatorKinds.check(bad));
    assertEquals(
        dir.resolve("indicators.csv")
            + ":2: indicator c (kind program_count) needs parameter statuses",
        e.getMessage());
  }

  @Test
  void everyKindNamesItsInputs() {
    for (String name : IndicatorKinds.names()) {
      IndicatorKind kind = IndicatorKinds.of(name);
      assertEquals(false, kind.inputs().isEmpty(), name);
      for (String input : kind.inputs()) {
        assertEquals(true, IndicatorInputs.NAMES.contains(input), name + " reads " + input);
      }
    }
  }
}
