package org.benxi.green.jobs;

import java.time.YearMonth;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The months an incremental run recomputes, from the months its new drops touch (always including
 * the run's period), and the months of staged rows each recomputation reads (a source's spec picks
 * which). Everything else is carried from the previous month's publication.
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
   * Months of staged rows that recomputing the warnings reads: each warning month and the month
   * before it, whose value a month-over-month check compares with.
   */
  public SortedSet<YearMonth> warningReads() {
    TreeSet<YearMonth> months = new TreeSet<>();
    for (YearMonth m : warningMonths()) {
      months.add(m);
      months.add(m.minusMonths(1));
    }
    return Collections.unmodifiableSortedSet(months);
  }

  /**
   * {@link #warningReads} and the 12 months behind each recomputed trailing window: what a source
   * read in 12-month windows needs.
   */
  public SortedSet<YearMonth> lineWindowReads() {
    TreeSet<YearMonth> months = new TreeSet<>(warningReads());
    for (YearMonth m : lineWindowMonths()) {
      for (int back = 0; back < LINE_WINDOW; back++) {
        months.add(m.minusMonths(back));
      }
    }
    return Collections.unmodifiableSortedSet(months);
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
