package org.benxi.green.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.benxi.green.jobs.indicators.IndicatorSeries;
import org.benxi.green.jobs.indicators.kinds.EnergyConsumptionYtd;
import org.junit.jupiter.api.Test;

/** The computing fingerprint covers every class that can compute a carried value. */
class ComputingFingerprintTest {
  /** Packages that drive or present runs and publish no mart of their own. */
  private static final List<String> FRONT_ENDS =
      List.of("cli.", "bench.", "audit.", "generate.").stream()
          .map(p -> "org.benxi.green.jobs." + p)
          .toList();

  @Test
  void everyClassThatBuildsSparkColumnsIsFingerprintedUnlessItIsAFrontEnd() throws Exception {
    Set<Class<?>> fingerprinted = Set.copyOf(CarriedState.computingClasses());
    Path classes =
        Path.of(MonthlyJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> outside = new ArrayList<>();
    int building = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        String code = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (code.contains("org/apache/spark/sql/functions")
            || code.contains("org/apache/spark/sql/Column")) {
          building++;
          Class<?> c = Class.forName(name, false, getClass().getClassLoader());
          if (!fingerprinted.contains(c) && FRONT_ENDS.stream().noneMatch(name::startsWith)) {
            outside.add(name);
          }
        }
      }
    }
    assertTrue(building > 15, "found the classes that build Spark columns: " + building);
    assertEquals(List.of(), outside, "compute marts but are outside the computing fingerprint");
  }

  @Test
  void nestedClassesKindsAndSourceSpecsAreFingerprinted() {
    List<Class<?>> fingerprinted = CarriedState.computingClasses();
    for (Class<?> c : List.copyOf(fingerprinted)) {
      for (Class<?> nested : c.getDeclaredClasses()) {
        assertTrue(fingerprinted.contains(nested), nested + " nested in " + c);
      }
    }
    assertTrue(fingerprinted.contains(EnergyConsumptionYtd.class));
    assertTrue(
        fingerprinted.contains(org.benxi.green.jobs.sources.SourceSpecs.of("energy").getClass()));
    assertTrue(fingerprinted.containsAll(List.of(IndicatorSeries.class.getDeclaredClasses())));
    assertTrue(
        fingerprinted.stream()
            .noneMatch(c -> FRONT_ENDS.stream().anyMatch(c.getName()::startsWith)),
        "no front end is fingerprinted: changing the command line keeps the carried state");
  }
}
