package org.benxi.green.jobs;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.ingest.DropStore;

/**
 * Whether the drops hold data for the period at all, from the months each stored drop records: a
 * period none of whose monthly sources has a row is not published, since every value would read as
 * missing.
 */
public final class PeriodCoverage {
  private PeriodCoverage() {}

  /** A period without any monthly data: nothing is published (exit status 1). */
  public static final class NoData extends IllegalArgumentException {
    NoData(String message) {
      super(message);
    }
  }

  /**
   * The monthly sources with no row for {@code period}; throws {@link NoData} when that is every
   * monthly source.
   */
  public static List<String> check(
      List<DropStore.Drop> drops, Map<String, SourceSchema> schemas, YearMonth period) {
    List<String> monthly = new ArrayList<>();
    List<String> without = new ArrayList<>();
    TreeSet<String> held = new TreeSet<>();
    for (SourceSchema schema : schemas.values()) {
      if (!schema.monthly()) {
        continue;
      }
      monthly.add(schema.name());
      boolean has = false;
      for (DropStore.Drop d : drops) {
        if (d.file().source().equals(schema.name())) {
          held.addAll(d.months());
          has |= d.months().contains(period.toString());
        }
      }
      if (!has) {
        without.add(schema.name());
      }
    }
    if (!monthly.isEmpty() && without.size() == monthly.size()) {
      String range = held.isEmpty() ? "no month at all" : held.first() + " to " + held.last();
      throw new NoData(
          "no data for "
              + period
              + ": "
              + String.join(", ", without)
              + " have no row for this period (the drops hold "
              + range
              + "); nothing published");
    }
    return without;
  }
}
