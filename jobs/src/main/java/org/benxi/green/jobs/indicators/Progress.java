package org.benxi.green.jobs.indicators;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;

/**
 * Progress of one indicator and scope at a period, as datasets/contract/indicators.md defines it:
 * baseline, expected trajectory, status, year-on-year change and the linear projection to the
 * target period.
 */
public record Progress(
    Double value,
    Double baseline,
    String baselineSource,
    Double expected,
    String status,
    Double projected,
    Double yoyChange,
    Double yoyChangePct,
    Double changeVsBaselinePct,
    String missingReason) {

  /** Target met already. */
  public static final String ACHIEVED = "achieved";

  /** At or above the expected trajectory (or falling year on year). */
  public static final String ON_TRACK = "on_track";

  /** Covering at least 90% of the progress expected since the baseline. */
  public static final String AT_RISK = "at_risk";

  /** Below that, or not falling year on year. */
  public static final String OFF_TRACK = "off_track";

  /** No value for the period. */
  public static final String MISSING = "missing";

  /** One month of an indicator's series. */
  public record Point(YearMonth period, Double value, Double ttmValue, String missingReason)
      implements Serializable {}

  /** Least-squares projection needs at least this many of the last 12 months. */
  static final int MIN_PROJECTION_POINTS = 6;

  /**
   * Evaluates {@code def} for one scope at {@code period}; {@code series} holds that scope's months
   * (any order), and {@code ytdKind} says whether projection uses trailing-12-month values.
   */
  public static Progress evaluate(
      IndicatorDef def,
      IndicatorCatalog catalog,
      List<Point> series,
      YearMonth period,
      boolean ytdKind) {
    Map<YearMonth, Point> byMonth = new TreeMap<>();
    for (Point p : series) {
      byMonth.put(p.period(), p);
    }
    Point current = byMonth.get(period);
    Double value = current == null ? null : current.value();

    Point atBaseline = byMonth.get(catalog.baselinePeriod());
    Double dataBaseline = atBaseline == null ? null : atBaseline.value();
    Double baseline = dataBaseline != null ? dataBaseline : def.catalogBaseline();
    String baselineSource =
        dataBaseline != null
            ? "data " + catalog.baselinePeriod()
            : baseline == null ? null : "catalog: " + def.baselineSource();

    Point yearAgo = byMonth.get(period.minusMonths(12));
    Double previous = yearAgo == null ? null : yearAgo.value();
    Double yoyChange = value != null && previous != null ? value - previous : null;
    Double yoyPct = relativeChange(value, previous);
    Double vsBaseline = relativeChange(value, baseline);
    Double projected =
        clamp(project(byMonth, period, catalog.targetPeriod(), ytdKind), "%".equals(def.unit()));

    if (value == null) {
      String reason = current == null ? "no data for " + period : current.missingReason();
      return new Progress(
          null,
          baseline,
          baselineSource,
          expectedFor(def, catalog, baseline, period),
          MISSING,
          projected,
          null,
          null,
          null,
          reason);
    }
    if (def.fallsEveryYear()) {
      if (yoyChange == null) {
        return new Progress(
            value,
            baseline,
            baselineSource,
            null,
            MISSING,
            projected,
            null,
            null,
            vsBaseline,
            "no value for the same quarters of the previous year to compare with");
      }
      String status = yoyChange < 0 ? ON_TRACK : OFF_TRACK;
      return new Progress(
          value,
          baseline,
          baselineSource,
          null,
          status,
          projected,
          yoyChange,
          yoyPct,
          vsBaseline,
          null);
    }
    Double expected = expectedFor(def, catalog, baseline, period);
    String status = status(def, value, baseline, expected);
    return new Progress(
        value,
        baseline,
        baselineSource,
        expected,
        status,
        projected,
        yoyChange,
        yoyPct,
        vsBaseline,
        null);
  }

  /** baseline + (target - baseline) x months since the baseline / plan months, within [0, 1]. */
  static Double expectedFor(
      IndicatorDef def, IndicatorCatalog catalog, Double baseline, YearMonth period) {
    if (def.fallsEveryYear() || baseline == null || def.target() == null) {
      return null;
    }
    int months = IndicatorCatalog.monthsBetween(catalog.baselinePeriod(), period);
    double share = Math.max(0, Math.min(1, months / (double) catalog.planMonths()));
    return round(baseline + (def.target() - baseline) * share);
  }

  static String status(IndicatorDef def, double value, Double baseline, Double expected) {
    boolean achieved =
        def.comparator() == IndicatorDef.Comparator.ABOVE
            ? value > def.target()
            : value >= def.target();
    if (achieved) {
      return ACHIEVED;
    }
    if (expected == null || value >= expected) {
      return ON_TRACK;
    }
    if (value - baseline >= 0.9 * (expected - baseline)) {
      return AT_RISK;
    }
    return OFF_TRACK;
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
