package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.stream.Stream;
import org.benxi.green.jobs.sources.SourceSpec;
import org.benxi.green.jobs.sources.SourceSpecs;

/**
 * The latest reported month of a local data root: the month before its newest drop of a monthly
 * source.
 */
public final class LatestPeriod {
  private LatestPeriod() {}

  /** Fails naming the raw folder when no monthly source has a drop. */
  public static YearMonth of(Path dataRoot) {
    Path raw = dataRoot.resolve("raw");
    return SourceSpecs.all().stream()
        .filter(SourceSpec::monthly)
        .map(spec -> newestDrop(raw.resolve(spec.name())))
        .flatMap(Optional::stream)
        .max(LocalDate::compareTo)
        .map(d -> YearMonth.from(d).minusMonths(1))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    raw + ": no received=<date> drop of a monthly source"));
  }

  private static Optional<LocalDate> newestDrop(Path source) {
    if (!Files.isDirectory(source)) {
      return Optional.empty();
    }
    try (Stream<Path> drops = Files.list(source)) {
      return drops
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("received=\\d{4}-\\d{2}-\\d{2}"))
          .map(n -> LocalDate.parse(n.substring("received=".length())))
          .max(LocalDate::compareTo);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + source, e);
    }
  }
}
