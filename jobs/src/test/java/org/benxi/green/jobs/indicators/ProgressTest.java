package org.benxi.green.jobs.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.datasets.Plan;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final IndicatorCatalog CATALOG = IndicatorCatalog.shipped();
  private static final IndicatorDef WASTE = CATALOG.get("bulk_waste_utilization"); // >= 75
  private static final IndicatorDef BENCH = CATALOG.get("benchmark_capacity_share"); // > 30
  private static final IndicatorDef ENERGY = CATALOG.get("energy_intensity"); // falls
  private static final YearMonth P = YearMonth.of(2023, 6); // 30 of 60 months

  private static Progress.Point point(String month, Double value) {
    return new Progress.Point(YearMonth.parse(month), value, value, null);
  }

  private static final Plan BENXI = CATALOG.plan("benxi_2022_9");

  /** Evaluates {@code def} under its own plan against the plan's target. */
  private static Progress eval(
      IndicatorDef def, List<Progress.Point> series, YearMonth period, boolean ytd) {
    return Progress.evaluate(
        def,
        CATALOG.plan(def.plan()),
        new Progress.Target(def.target(), "plan"),
        series,
        period,
        ytd);
  }

  private static Progress at(IndicatorDef def, double baseline, double value) {
    return eval(def, List.of(point("2020-12", baseline), point("2023-06", value)), P, false);
  }

  @Test
  void expectedIsHalfwayAtMonthThirty() {
    // baseline 55, target 75: expected = 55 + 20 x 30/60 = 65
    assertEquals(65.0, at(WASTE, 55, 60).expected());
    assertEquals("data 2020-12", at(WASTE, 55, 60).baselineSource());
  }

  @Test
  void statusBoundaries() {
    assertEquals(Progress.ACHIEVED, at(WASTE, 55, 75).status(), "meets the >= target");
    assertEquals(Progress.ON_TRACK, at(WASTE, 55, 65).status(), "meets expected");
    // 90% of the 10 points expected since baseline = 9: 64 covers it, 63.9 does not.
    assertEquals(Progress.AT_RISK, at(WASTE, 55, 64).status());
    assertEquals(Progress.OFF_TRACK, at(WASTE, 55, 63.9).status());
  }

  @Test
  void strictTargetIsNotAchievedAtEquality() {
    // baseline 10, target 30 (strict): expected 20; 30 is not > 30 but meets expected.
    assertEquals(Progress.ON_TRACK, at(BENCH, 10, 30).status());
    assertEquals(Progress.ACHIEVED, at(BENCH, 10, 30.01).status());
  }

  @Test
  void catalogBaselineIsUsedWhenTheDataLackTheBaselineMonth() {
    Progress p = eval(WASTE, List.of(point("2023-06", 60.0)), P, false);
    assertEquals(50.0, p.baseline());
    assertEquals(62.5, p.expected()); // 50 + 25 x 0.5
    // 90% of the 12.5 points expected = 11.25: 10 falls short, 11.5 covers it.
    assertEquals(Progress.OFF_TRACK, p.status());
    Progress closer = eval(WASTE, List.of(point("2023-06", 61.5)), P, false);
    assertEquals(Progress.AT_RISK, closer.status());
  }

  @Test
  void missingValueIsMissingWithItsReasonNeverZero() {
    Progress p =
        eval(
            WASTE,
            List.of(
                point("2020-12", 50.0),
                new Progress.Point(P, null, null, "no solid-waste reports for city 2023-06")),
            P,
            false);
    assertNull(p.value());
    assertEquals(Progress.MISSING, p.status());
    assertEquals("no solid-waste reports for city 2023-06", p.missingReason());
  }

  @Test
  void fallsEveryYearIsJudgedByTheYearOnYearChange() {
    List<Progress.Point> falling =
        List.of(point("2020-12", 2.2), point("2022-06", 2.0), point("2023-06", 1.9));
    Progress p = eval(ENERGY, falling, P, true);
    assertEquals(Progress.ON_TRACK, p.status());
    assertEquals(-5.0, p.yoyChangePct()); // (1.9 - 2.0) / 2.0
    assertEquals(2.2, p.baseline());
    assertNull(p.expected());
    List<Progress.Point> rising = List.of(point("2022-06", 1.8), point("2023-06", 1.9));
    assertEquals(Progress.OFF_TRACK, eval(ENERGY, rising, P, true).status());
  }

  @Test
  void projectionIsALeastSquaresLineReadAtTheTargetMonth() {
    // y = 40 + 0.5 x months since 2022-07, twelve months to 2023-06; 2025-12 is month 41: 60.5.
    List<Progress.Point> series = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      series.add(point(YearMonth.of(2022, 7).plusMonths(i).toString(), 40 + 0.5 * i));
    }
    assertEquals(60.5, eval(WASTE, series, P, false).projected());
  }

  @Test
  void projectionUsesTrailingValuesForYtdKindsAndNeedsSixMonths() {
    List<Progress.Point> series = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      YearMonth m = YearMonth.of(2023, 1).plusMonths(i);
      series.add(new Progress.Point(m, 99.0, 10.0 + i, null)); // value ignored, ttm used
    }
    // ttm 10..15 over 2023-01..06, slope 1: at 2025-12 (+30 from 2023-06) = 45.
    assertEquals(45.0, eval(WASTE, series, P, true).projected());
    assertNull(
        eval(WASTE, series.subList(0, 5), YearMonth.of(2023, 5), true).projected(),
        "five months are too few");
  }

  @Test
  void projectionStaysWithinWhatIsPossible() {
    List<Progress.Point> series = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      series.add(point(YearMonth.of(2022, 7).plusMonths(i).toString(), 90 + 2.0 * i));
    }
    assertEquals(100.0, eval(WASTE, series, P, false).projected());
  }

  @Test
  void theFinalEvaluationAppearsOnlyAfterTheTargetPeriodWithTheValueAtIt() {
    // bulk waste >= 75 from 55 at 2020-12; 74 at 2025-12 (missed), 76 at 2026-01.
    List<Progress.Point> series =
        List.of(point("2020-12", 55.0), point("2025-12", 74.0), point("2026-01", 76.0));
    Progress atTarget = eval(WASTE, series, YearMonth.of(2025, 12), false);
    assertNull(atTarget.finalPeriod());
    assertNull(atTarget.finalValue());
    assertNull(atTarget.finalStatus());
    // at 2025-12 expected is the target; 19 of the 20 points asked for is 95%: at risk.
    assertEquals(75.0, atTarget.expected());
    assertEquals(Progress.AT_RISK, atTarget.status());

    Progress after = eval(WASTE, series, YearMonth.of(2026, 1), false);
    assertEquals(YearMonth.of(2025, 12), after.finalPeriod());
    assertEquals(74.0, after.finalValue());
    assertEquals(Progress.MISSED, after.finalStatus());
    assertEquals(76.0, after.value(), "the current value stays beside the final one");
    assertEquals(Progress.ACHIEVED, after.status());

    List<Progress.Point> met = List.of(point("2020-12", 55.0), point("2025-12", 75.0));
    assertEquals(Progress.ACHIEVED, eval(WASTE, met, YearMonth.of(2026, 10), false).finalStatus());
    Progress noValue = eval(WASTE, List.of(point("2020-12", 55.0)), YearMonth.of(2026, 10), false);
    assertEquals(Progress.MISSING, noValue.finalStatus());
    assertNull(noValue.finalValue());
  }

  @Test
  void aChangeTargetIsJudgedOnTheCumulativeChangeFromTheBaselineOnAStraightLine() {
    IndicatorDef national = CATALOG.get("energy_intensity", "national_14th_fyp"); // <= -13.5%
    // baseline 2.0; target level 2.0 x 0.865 = 1.73; at month 30 of 60 expected 2.0 - 0.135.
    Progress onTrack = at(national, 2.0, 1.8);
    assertEquals(1.865, onTrack.expected());
    assertEquals(-10.0, onTrack.changeVsBaselinePct());
    assertEquals(Progress.ON_TRACK, onTrack.status());
    // 90% of the 0.135 fall expected is 0.1215: a fall of 0.122 covers it, 0.12 does not.
    assertEquals(Progress.AT_RISK, at(national, 2.0, 1.878).status());
    assertEquals(Progress.OFF_TRACK, at(national, 2.0, 1.88).status());
    assertEquals(Progress.ACHIEVED, at(national, 2.0, 1.72).status());

    List<Progress.Point> fellTooLittle = List.of(point("2020-12", 2.0), point("2025-12", 1.75));
    Progress fin = eval(national, fellTooLittle, YearMonth.of(2026, 10), true);
    assertEquals(1.75, fin.finalValue()); // -12.5%, short of -13.5%
    assertEquals(Progress.MISSED, fin.finalStatus());
    List<Progress.Point> fellEnough = List.of(point("2020-12", 2.0), point("2025-12", 1.7));
    assertEquals(
        Progress.ACHIEVED, eval(national, fellEnough, YearMonth.of(2026, 10), true).finalStatus());
    Progress noBaseline = eval(national, List.of(point("2023-06", 1.8)), P, true);
    assertEquals(Progress.MISSING, noBaseline.status());
    assertEquals(
        "no baseline value at 2020-12 to measure the change from", noBaseline.missingReason());
  }

  @Test
  void fallingEveryYearIsAchievedOnlyWhenEveryYearOfThePlanFell() {
    List<Progress.Point> falling = new ArrayList<>();
    for (int year = 2020; year <= 2025; year++) {
      falling.add(point(year + "-12", 3.0 - 0.1 * (year - 2020)));
    }
    YearMonth after = YearMonth.of(2026, 10);
    Progress fin = eval(ENERGY, falling, after, true);
    assertEquals(Progress.ACHIEVED, fin.finalStatus());
    assertEquals(2.5, fin.finalValue());
    List<Progress.Point> rose = new ArrayList<>(falling);
    rose.set(3, point("2023-12", 2.85)); // above 2022-12's 2.8
    assertEquals(Progress.MISSED, eval(ENERGY, rose, after, true).finalStatus());
    List<Progress.Point> gap = new ArrayList<>(falling);
    gap.remove(2); // no 2022-12
    assertEquals(Progress.MISSING, eval(ENERGY, gap, after, true).finalStatus());
  }

  @Test
  void aRowWithoutATargetReadsNoTargetAndKeepsItsValue() {
    IndicatorDef factories = CATALOG.get("green_factories");
    Progress p =
        Progress.evaluate(
            factories,
            BENXI,
            new Progress.Target(null, null),
            List.of(point("2020-12", 2.0), point("2026-10", 7.0)),
            YearMonth.of(2026, 10),
            false);
    assertEquals(7.0, p.value());
    assertEquals(Progress.NO_TARGET, p.status());
    assertNull(p.expected());
    assertNull(p.target());
    assertEquals(Progress.NO_TARGET, p.finalStatus());
  }
}
