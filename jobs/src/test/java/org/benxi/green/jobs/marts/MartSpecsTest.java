package org.benxi.green.jobs.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The mart specs against the README and against a frame that drifts from them. */
class MartSpecsTest {
  @Test
  void theReadmeMartTableIsTheOneTheSpecsGenerate() throws IOException {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    String table = MartSpecs.readmeTable();
    assertTrue(
        readme.contains(table),
        "README.md's mart table (### Marts) must be exactly, from the specs:\n" + table);
  }

  @Test
  void everyGrainColumnIsDeclaredNeverNullButAFileLevelRejectsLine() {
    for (MartSpec spec : MartSpecs.all()) {
      List<String> columns = List.of(spec.columns().fieldNames());
      assertTrue(columns.containsAll(spec.grain()), spec.name() + " grain " + spec.grain());
      for (String g : spec.grain()) {
        if (!(spec.name().equals("quarantine") && g.equals("line"))) {
          assertTrue(spec.notNull().contains(g), spec.name() + "." + g + " is in the grain");
        }
      }
    }
  }

  @Test
  void aMartThatDriftsFromItsSpecIsRefusedByName() {
    MartSpec spec = MartSpecs.of("data_quality_reasons");
    spec.check(
        StructType.fromDDL(
            "source STRING, county_code STRING, kind STRING, code STRING, rows BIGINT"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                spec.check(
                    StructType.fromDDL(
                        "source STRING, county_code STRING, kind STRING, code STRING, rows INT")));
    assertEquals(
        "mart data_quality_reasons has columns [source STRING, county_code STRING, kind STRING,"
            + " code STRING, rows INT] but its spec declares [source STRING, county_code STRING,"
            + " kind STRING, code STRING, rows BIGINT]",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MartSpecs.of("energy"));
  }
}
