package org.benxi.green.jobs.indicators;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.datasets.Plan;

/**
 * Progress of one indicator, plan and scope at a period, as datasets/contract/indicators.md defines
 * it: baseline, expected trajectory, status, year-on-year change, the linear projection to the
 * plan's target period and, once that period is over, the final evaluation.
 */
public record Progress(
    Double value,
    Double baseline,
    String baselineSource,
    Double target,
    String targetSource,
    Double expected,
    String status,
    Double projected,
    Double yoyChange,
    Double yoyChangePct,
    Double changeVsBaselinePct,
    String missingReason,
    YearMonth finalPeriod,
    Double finalValue,
    String finalStatus) {

  /** Target met already (or, in a final evaluation, met at the target period). */
  public static final String ACHIEVED = "achieved";

  /** At or above the expected trajectory (or falling year on year). */
  public static final String ON_TRACK = "on_track";

  /** Covering at least 90% of the progress expected since the baseline. */
  public static final String AT_RISK = "at_risk";

  /** Below that, or not falling year on year. */
  public static final String OFF_TRACK = "off_track";

  /** No value for the period. */
  public static final String MISSING = "missing";

  /** A county row of a count indicator whose county has no target of its own. */
  public static final String NO_TARGET = "no_target";

  /** Final evaluation: the target was not met at the target period. */
  public static final String MISSED = "missed";

  /** One month of an indicator's series. */
  public record Point(YearMonth period, Double value, Double ttmValue, String missingReason)
      implements Serializable {}

  /**
   * The target a row is judged against and where it comes from; {@code value} is null for a county
   * that has no target of its own where the city's cannot apply.
   */
  public record Target(Double value, String source) implements Serializable {}

  /** Least-squares projection needs at least this many of the last 12 months. */
  static final int MIN_PROJECTION_POINTS = 6;

  /**
   * Evaluates {@code def} under {@code plan} against {@code target} for one scope at {@code
   * period}; {@code series} holds that scope's months (any order), and {@code ytdKind} says whether
   * projection uses trailing-12-month values.
   */
  public static Progress evaluate(
      IndicatorDef def,
      Plan plan,
      Target target,
      List<Point> series,
      YearMonth period,
      boolean ytdKind) {
    Map<YearMonth, Point> byMonth = new TreeMap<>();
    for (Point p : series) {
      byMonth.put(p.period(), p);
    }
    Point current = byMonth.get(period);
    Double value = current == null ? null : current.value();

    Point atBaseline = byMonth.get(plan.baselinePeriod());
    Double dataBaseline = atBaseline == null ? null : atBaseline.value();
    Double baseline = dataBaseline != null ? dataBaseline : def.catalogBaseline();
    String baselineSource =
        dataBaseline != null
            ? "data " + plan.baselinePeriod()
            : baseline == null ? null : "catalog: " + def.baselineSource();

    Point yearAgo = byMonth.get(period.minusMonths(12));
    Double previous = yearAgo == null ? null : yearAgo.value();
    Double yoyChange = value != null && previous != null ? value - previous : null;
    Double yoyPct = relativeChange(value, previous);
    Double vsBaseline = relativeChange(value, baseline);
    Double projected =
        clamp(project(byMonth, period, plan.targetPeriod(), ytdKind), "%".equals(def.unit()));
    Double level = targetLevel(def, target.value(), baseline);
    Double expected = expectedFor(def, plan, baseline, level, period);
    YearMonth finalPeriod = plan.endedBy(period) ? plan.targetPeriod() : null;
    Point atTarget = finalPeriod == null ? null : byMonth.get(finalPeriod);
    Double finalValue = atTarget == null ? null : atTarget.value();
    String finalStatus =
        finalPeriod == null ? null : finalStatus(def, plan, target, baseline, level, byMonth);

    String status;
    String reason = null;
    if (value == null) {
      status = MISSING;
      reason = current == null ? "no data for " + period : current.missingReason();
      yoyChange = null;
      yoyPct = null;
      vsBaseline = null;
    } else if (def.fallsEveryYear()) {
      expected = null;
      if (yoyChange == null) {
        status = MISSING;
        reason = "no value for the same quarters of the previous year to compare with";
      } else {
        status = yoyChange < 0 ? ON_TRACK : OFF_TRACK;
      }
    } else if (target.value() == null) {
      status = NO_TARGET;
    } else if (def.targetsChange() && baseline == null) {
      status = MISSING;
      reason = "no baseline value at " + plan.baselinePeriod() + " to measure the change from";
    } else {
      status = status(def, value, baseline, expected, level);
    }
    return new Progress(
        value,
        baseline,
        baselineSource,
        target.value(),
        target.source(),
        expected,
        status,
        projected,
        yoyChange,
        yoyPct,
        vsBaseline,
        reason,
        finalPeriod,
        finalValue,
        finalStatus);
  }

  /**
   * The target as a level in the indicator's unit: the target itself, or for a change target the
   * baseline moved by that change. Null when there is none to judge by.
   */
  static Double targetLevel(IndicatorDef def, Double target, Double baseline) {
    if (def.fallsEveryYear() || target == null) {
      return null;
    }
    if (def.targetsChange()) {
      return baseline == null ? null : baseline * (1 + target / 100);
    }
    return target;
  }

  /** baseline + (target level - baseline) x months since the baseline / plan months, in [0, 1]. */
  static Double expectedFor(
      IndicatorDef def, Plan plan, Double baseline, Double level, YearMonth period) {
    if (baseline == null || level == null) {
      return null;
    }
    int months = IndicatorCatalog.monthsBetween(plan.baselinePeriod(), period);
    double share = Math.max(0, Math.min(1, months / (double) plan.months()));
    return round(baseline + (level - baseline) * share);
  }

  /**
   * Status against a level or change target: achieved when the target is met, on track when the
   * value is at least as far along as expected, at risk when it covers 90% of the expected progress
   * since the baseline. A change target counts progress downwards.
   */
  static String status(
      IndicatorDef def, double value, Double baseline, Double expected, double level) {
    if (meets(def, value, level)) {
      return ACHIEVED;
    }
    double sign = def.targetsChange() ? -1 : 1;
    if (expected == null || sign * (value - expected) >= 0) {
      return ON_TRACK;
    }
    if (sign * (value - baseline) >= 0.9 * sign * (expected - baseline)) {
      return AT_RISK;
    }
    return OFF_TRACK;
  }

  private static boolean meets(IndicatorDef def, double value, double level) {
    return switch (def.comparator()) {
      case ABOVE -> value > level;
      case CHANGE_AT_MOST -> value <= level;
      default -> value >= level;
    };
  }

  /**
   * The final evaluation at the plan's target period: {@code achieved} or {@code missed}; {@code
   * missing} when a value it needs is missing; {@code no_target} where the row has no target. A
   * "falls every year" indicator is achieved when it fell in every year of the plan.
   */
  static String finalStatus(
      IndicatorDef def,
      Plan plan,
      Target target,
      Double baseline,
      Double level,
      Map<YearMonth, Point> byMonth) {
    if (def.fallsEveryYear()) {
      for (YearMonth m = plan.targetPeriod();
          m.isAfter(plan.baselinePeriod());
          m = m.minusMonths(12)) {
        Double now = valueAt(byMonth, m);
        Double before = valueAt(byMonth, m.minusMonths(12));
        if (now == null || before == null) {
          return MISSING;
        }
        if (now >= before) {
          return MISSED;
        }
      }
      return ACHIEVED;
    }
    if (target.value() == null) {
      return NO_TARGET;
    }
    Double atTarget = valueAt(byMonth, plan.targetPeriod());
    if (atTarget == null || level == null) {
      return MISSING;
    }
    return meets(def, atTarget, level) ? ACHIEVED : MISSED;
  }

  private static Double valueAt(Map<YearMonth, Point> byMonth, YearMonth month) {
    Point p = byMonth.get(month);
    return p == null ? null : p.value();
  }

  /** Least-squares line through the last 12 months ending {@code period}, read at the target. */
  static Double project(
      Map<YearMonth, Point> byMonth, YearMonth period, YearMonth target, boolean ytdKind) {
    List<double[]> points = new ArrayList<>();
    for (int back = 11; back >= 0; back--) {
      YearMonth month = period.minusMonths(back);
      Point p = byMonth.get(month);
      Double y = p == null ? null : ytdKind ? p.ttmValue() : p.value();
      if (y != null) {
        points.add(new double[] {-back, y});
      }
    }
    if (points.size() < MIN_PROJECTION_POINTS) {
      return null;
    }
    double n = points.size();
    double sx = 0;
    double sy = 0;
    for (double[] p : points) {
      sx += p[0];
      sy += p[1];
    }
    double mx = sx / n;
    double my = sy / n;
    double sxx = 0;
    double sxy = 0;
    for (double[] p : points) {
      sxx += (p[0] - mx) * (p[0] - mx);
      sxy += (p[0] - mx) * (p[1] - my);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    double x = IndicatorCatalog.monthsBetween(period, target);
    return round(my + slope * (x - mx));
  }

  /** Projections never leave the possible range: at least 0, and at most 100 for percentages. */
  static Double clamp(Double projected, boolean percent) {
    if (projected == null) {
      return null;
    }
    double upper = percent ? 100 : Double.MAX_VALUE;
    return Math.max(0, Math.min(upper, projected));
  }

  private static Double relativeChange(Double value, Double reference) {
    if (value == null || reference == null || reference == 0) {
      return null;
    }
    return round((value - reference) / Math.abs(reference) * 100);
  }

  static Double round(double value) {
    return java.math.BigDecimal.valueOf(value)
        .setScale(Formulas.DECIMALS, java.math.RoundingMode.HALF_UP)
        .doubleValue();
  }
}
