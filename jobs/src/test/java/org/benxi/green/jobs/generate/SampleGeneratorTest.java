package org.benxi.green.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.benxi.green.jobs.ProgressLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGeneratorTest {
  /** The committed sample under datasets/sample (the working directory is jobs/). */
  private static final Path SAMPLE = Path.of("..", "datasets", "sample");

  static TreeMap<String, String> hashes(Path root) throws IOException, NoSuchAlgorithmException {
    TreeMap<String, String> byFile = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byFile.put(
            root.relativize(f).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return byFile;
  }

  private static void generate(Path out, long seed) {
    new SampleGenerator(
            new GeneratorConfig(out, 40, YearMonth.of(2020, 1), YearMonth.of(2021, 6), seed),
            ProgressLine.silent())
        .generate();
  }

  @Test
  void sameOptionsGiveTheSameBytesAndTheCommittedSample(@TempDir Path dir) throws Exception {
    generate(dir.resolve("a"), 20220418L);
    assertEquals(
        hashes(SAMPLE),
        hashes(dir.resolve("a")),
        "datasets/sample is stale: regenerate it with ./green generate --out datasets/sample"
            + " --enterprises 40 --from 2020-01 --to 2021-06");
    generate(dir.resolve("b"), 1L);
    assertNotEquals(hashes(dir.resolve("a")), hashes(dir.resolve("b")));
  }

  @Test
  void coversEverySourceAndTheSteelworksStandsOut(@TempDir Path dir) throws Exception {
    generate(dir, 20220418L);
    try (Stream<Path> sources = Files.list(dir.resolve("raw"))) {
      assertEquals(
          List.of(
              "economy",
              "energy",
              "enterprises",
              "forest",
              "green_factories",
              "power_plants",
              "production_lines",
              "programs",
              "solid_waste"),
          sources.map(p -> p.getFileName().toString()).sorted().toList());
    }
    List<Double> coke =
        Files.readAllLines(dir.resolve("raw/energy/received=2021-02-10/energy_2021-01.csv"))
            .stream()
            .filter(l -> l.contains(",coke,"))
            .map(l -> Double.parseDouble(l.split(",")[3].replace("\"", "")))
            .sorted(java.util.Comparator.reverseOrder())
            .toList();
    assertEquals(2, coke.size(), "only the two integrated steelworks burn coke: " + coke);
    assertTrue(coke.get(0) > 2 * coke.get(1), "Bengang stands out: " + coke);
  }
}
