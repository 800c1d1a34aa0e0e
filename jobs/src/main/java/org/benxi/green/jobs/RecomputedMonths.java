package org.benxi.green.jobs;

import java.time.YearMonth;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The months an incremental run recomputes, from the months its new drops touch (always including
 * the run's period), and the months of staged rows each recomputation reads. Everything else is
 * carried from the previous month's publication.
 */
public record RecomputedMonths(YearMonth period, SortedSet<YearMonth> touched) {
  /** How many months a production line's trailing window spans. */
  static final int LINE_WINDOW = 12;

  /** Adds the period to the touched months and freezes them. */
  public RecomputedMonths {
    TreeSet<YearMonth> all = new TreeSet<>(touched);
    all.add(period);
    touched = Collections.unmodifiableSortedSet(all);
  }

  /** Months whose history aggregates (energy by sector, waste by county) are recomputed. */
  public SortedSet<String> aggregates() {
    return names(touched);
  }

  /**
   * Months whose warnings are recomputed: each touched month and the month after it, whose
   * month-over-month check compares with it.
   */
  public SortedSet<String> warnings() {
    return names(warningMonths());
  }

  /**
   * Months up to the period whose trailing-12-month line values (and the benchmark-share indicator)
   * are recomputed: the touched month and the 11 after it.
   */
  public SortedSet<String> lineWindows() {
    return names(lineWindowMonths());
  }

  /**
   * Months of staged rows the recomputation reads for {@code source}: for production lines, the 12
   * months of each recomputed window; for the other monthly sources, the warning months and the
   * month before each.
   */
  public SortedSet<String> read(String source) {
    TreeSet<YearMonth> months = new TreeSet<>();
    for (YearMonth m : warningMonths()) {
      months.add(m);
      months.add(m.minusMonths(1));
    }
    if (source.equals("production_lines")) {
      for (YearMonth m : lineWindowMonths()) {
        for (int back = 0; back < LINE_WINDOW; back++) {
          months.add(m.minusMonths(back));
        }
      }
    }
    return names(months);
  }

  private SortedSet<YearMonth> warningMonths() {
    TreeSet<YearMonth> months = new TreeSet<>(touched);
    touched.forEach(m -> months.add(m.plusMonths(1)));
    return months;
  }

  private SortedSet<YearMonth> lineWindowMonths() {
    TreeSet<YearMonth> months = new TreeSet<>();
    for (YearMonth t : touched) {
      for (int ahead = 0; ahead < LINE_WINDOW && !t.plusMonths(ahead).isAfter(period); ahead++) {
        months.add(t.plusMonths(ahead));
      }
    }
    return months;
  }

  private static SortedSet<String> names(SortedSet<YearMonth> months) {
    TreeSet<String> names = new TreeSet<>();
    months.forEach(m -> names.add(m.toString()));
    return Collections.unmodifiableSortedSet(names);
  }
}
