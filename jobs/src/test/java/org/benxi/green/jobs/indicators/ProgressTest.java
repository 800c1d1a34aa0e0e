package org.benxi.green.jobs.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;
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

  private static Progress at(IndicatorDef def, double baseline, double value) {
    return Progress.evaluate(
        def, CATALOG, List.of(point("2020-12", baseline), point("2023-06", value)), P, false);
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
    Progress p = Progress.evaluate(WASTE, CATALOG, List.of(point("2023-06", 60.0)), P, false);
    assertEquals(50.0, p.baseline());
    assertEquals(62.5, p.expected()); // 50 + 25 x 0.5
    // 90% of the 12.5 points expected = 11.25: 10 falls short, 11.5 covers it.
    assertEquals(Progress.OFF_TRACK, p.status());
    Progress closer = Progress.evaluate(WASTE, CATALOG, List.of(point("2023-06", 61.5)), P, false);
    assertEquals(Progress.AT_RISK, closer.status());
  }

  @Test
  void missingValueIsMissingWithItsReasonNeverZero() {
    Progress p =
        Progress.evaluate(
            WASTE,
            CATALOG,
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
    Progress p = Progress.evaluate(ENERGY, CATALOG, falling, P, true);
    assertEquals(Progress.ON_TRACK, p.status());
    assertEquals(-5.0, p.yoyChangePct()); // (1.9 - 2.0) / 2.0
    assertEquals(2.2, p.baseline());
    assertNull(p.expected());
    List<Progress.Point> rising = List.of(point("2022-06", 1.8), point("2023-06", 1.9));
    assertEquals(Progress.OFF_TRACK, Progress.evaluate(ENERGY, CATALOG, rising, P, true).status());
  }

  @Test
  void projectionIsALeastSquaresLineReadAtTheTargetMonth() {
    // y = 40 + 0.5 x months since 2022-07, twelve months to 2023-06; 2025-12 is month 41: 60.5.
    List<Progress.Point> series = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      series.add(point(YearMonth.of(2022, 7).plusMonths(i).toString(), 40 + 0.5 * i));
    }
    assertEquals(60.5, Progress.evaluate(WASTE, CATALOG, series, P, false).projected());
  }

  @Test
  void projectionUsesTrailingValuesForYtdKindsAndNeedsSixMonths() {
    List<Progress.Point> series = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      YearMonth m = YearMonth.of(2023, 1).plusMonths(i);
      series.add(new Progress.Point(m, 99.0, 10.0 + i, null)); // value ignored, ttm used
    }
    // ttm 10..15 over 2023-01..06, slope 1: at 2025-12 (+30 from 2023-06) = 45.
    assertEquals(45.0, Progress.evaluate(WASTE, CATALOG, series, P, true).projected());
    assertNull(
        Progress.evaluate(WASTE, CATALOG, series.subList(0, 5), YearMonth.of(2023, 5), true)
            .projected(),
        "five months are too few");
  }

  @Test
  void projectionStaysWithinWhatIsPossible() {
    List<Progress.Point> series = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      series.add(point(YearMonth.of(2022, 7).plusMonths(i).toString(), 90 + 2.0 * i));
    }
    assertEquals(100.0, Progress.evaluate(WASTE, CATALOG, series, P, false).projected());
  }
}
