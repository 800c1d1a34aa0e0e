package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.stream.Stream;

/** The latest reported month of a local data root: the month before its newest energy drop. */
public final class LatestPeriod {
  private LatestPeriod() {}

  /** Fails with the folder's name when there is no energy drop. */
  public static YearMonth of(Path dataRoot) {
    Path energy = dataRoot.resolve("raw").resolve("energy");
    try (Stream<Path> drops = Files.list(energy)) {
      return drops
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("received="))
          .map(n -> LocalDate.parse(n.substring("received=".length())))
          .max(LocalDate::compareTo)
          .map(d -> YearMonth.from(d).minusMonths(1))
          .orElseThrow(() -> new IllegalArgumentException(energy + ": no received=<date> drop"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + energy, e);
    }
  }
}
