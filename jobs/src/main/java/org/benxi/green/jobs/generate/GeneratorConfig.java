package org.benxi.green.jobs.generate;

import java.nio.file.Path;
import java.time.YearMonth;

/** What {@code green generate} writes: where, how many enterprises, which months, which seed. */
public record GeneratorConfig(Path out, int enterprises, YearMonth from, YearMonth to, long seed) {
  /** Fewer enterprises than this cannot hold the named large ones plus a spread of small ones. */
  public static final int MIN_ENTERPRISES = 40;

  /** Rejects an empty range and too few enterprises. */
  public GeneratorConfig {
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    if (enterprises < MIN_ENTERPRISES) {
      throw new IllegalArgumentException(
          "--enterprises must be at least " + MIN_ENTERPRISES + ", got " + enterprises);
    }
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
  }
}
