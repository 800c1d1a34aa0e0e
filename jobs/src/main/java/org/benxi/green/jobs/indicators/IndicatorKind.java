package org.benxi.green.jobs.indicators;

import java.util.List;
import org.benxi.green.datasets.IndicatorDef;

/**
 * One formula kind of the catalog ({@code indicators.csv}'s {@code kind}): the parameters a row of
 * it must give, how its series is projected, and how it computes the monthly values of every scope
 * from the small inputs the run collects ({@link IndicatorInputs}).
 */
public interface IndicatorKind {
  /** The name the catalog uses. */
  String name();

  /** Parameters every catalog row of this kind must give. */
  List<String> requiredParameters();

  /** The {@link IndicatorInputs} it reads, by name. */
  List<String> inputs();

  /**
   * True when the projection runs on trailing-12-month values (year-to-date kinds, whose
   * month-by-month value restarts every January); false when it runs on the values themselves.
   */
  boolean projectsTrailingValues();

  /**
   * True when a month's value reads production lines' trailing 12-month windows: an incremental run
   * recomputes it only for the windows its new drops touch and carries the other months. Every
   * other kind is computed afresh, for every month, by every run.
   */
  default boolean readsLineWindows() {
    return false;
  }

  /**
   * True when the city's value is the sum of its counties' (counts of factories, villages or
   * projects, areas): a county cannot be held to the whole city's target, so a county row without a
   * target of its own reads {@code no_target}. Ratios are judged against the city's target.
   */
  default boolean sumsOverCounties() {
    return false;
  }

  /** The kind's values for {@code def}: only the scopes and months it can compute. */
  KindSeries compute(IndicatorDef def, IndicatorInputs in);
}
