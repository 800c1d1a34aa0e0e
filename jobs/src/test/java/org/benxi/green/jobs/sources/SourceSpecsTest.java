package org.benxi.green.jobs.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.benxi.green.datasets.SourceSchema;
import org.junit.jupiter.api.Test;

/** The source specs against sources.csv. */
class SourceSpecsTest {
  @Test
  void theShippedSourcesAndTheSpecsNameTheSameSources() {
    Map<String, SourceSchema> shipped = SourceSchema.shipped();
    SourceSpecs.check(shipped);
    assertEquals(shipped.keySet(), Map.copyOf(specsByName()).keySet());
  }

  @Test
  void aSourceWithoutASpecIsRefusedByName() {
    Map<String, SourceSchema> lacking = new LinkedHashMap<>(SourceSchema.shipped());
    lacking.remove("forest");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SourceSpecs.check(lacking));
    assertEquals(
        "sources.csv names "
            + lacking.keySet()
            + " but the source specs are "
            + specsByName().keySet(),
        e.getMessage());
  }

  private static Map<String, SourceSpec> specsByName() {
    Map<String, SourceSpec> byName = new LinkedHashMap<>();
    SourceSpecs.all().forEach(s -> byName.put(s.name(), s));
    return byName;
  }
}
