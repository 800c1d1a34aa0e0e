package org.benxi.green.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The data behind each chart, from small hand-made marts with values worked out by hand. */
class ShapesTest {
  /** indicator_progress: two city indicators with targets, one that falls, one county row. */
  static Table progress() {
    return Table.create(
        "indicator_progress",
        StringColumn.create(
            "indicator_id",
            "forest_coverage",
            "bulk_waste_utilization",
            "energy_intensity",
            "forest_coverage",
            "energy_intensity"),
        StringColumn.create("scope", "city", "city", "city", "210502", "city"),
        DoubleColumn.create("value", 76.0, 60.0, 0.8, 55.0, 0.8),
        StringColumn.create("unit", "%", "%", "tce/10k yuan", "%", "tce/10k yuan"),
        DoubleColumn.create("target", new double[] {76.4, 75.0, Double.NaN, 76.4, -13.5}),
        StringColumn.create("comparator", ">=", ">=", "falls", ">=", "change_vs_baseline <="),
        DoubleColumn.create("baseline", 75.5, 36.0, 0.9, 55.0, 0.9),
        DoubleColumn.create("expected", new double[] {76.0, 50.0, Double.NaN, 76.0, 0.7785}),
        StringColumn.create("status", "on_track", "at_risk", "on_track", "off_track", "off_track"),
        DoubleColumn.create("projected_2025", 76.5, 70.0, 0.7, 55.0, 0.7),
        StringColumn.create("name_zh", "森林覆盖率", "大宗固废综合利用率", "单位GDP能耗", "森林覆盖率", "单位GDP能耗"),
        StringColumn.create(
            "name_en",
            "Forest coverage",
            "Bulk waste utilization",
            "Energy intensity",
            "Forest coverage",
            "Energy intensity"),
        IntColumn.create("display_order", 3, 1, 2, 3, 4),
        StringColumn.create(
            "plan",
            "benxi_2022_9",
            "benxi_2022_9",
            "benxi_2022_9",
            "benxi_2022_9",
            "national_14th_fyp"),
        DoubleColumn.create(
            "final_value", new double[] {Double.NaN, 72.0, Double.NaN, Double.NaN, 0.774}),
        StringColumn.create("final_status", "", "missed", "", "", "achieved"));
  }

  @Test
  void dashboardShowsTargetedCityIndicatorsAsPercentOfTargetInDisplayOrder() {
    List<Shapes.DashboardBar> bars = Shapes.dashboard(progress());
    assertEquals(3, bars.size(), "the falling indicator has no level target");
    assertEquals("bulk_waste_utilization", bars.get(0).id());
    assertEquals(80.0, bars.get(0).pctOfTarget(), 1e-9); // 60 / 75
    assertEquals(66.666666, bars.get(0).expectedPct(), 1e-6); // 50 / 75
    assertEquals(96.0, bars.get(0).finalPct(), 1e-9); // 72 / 75
    assertEquals("at_risk", bars.get(0).status());
    assertEquals("", bars.get(0).plan(), "the lead plan is not named");
    assertEquals(100 * 76.0 / 76.4, bars.get(1).pctOfTarget(), 1e-9);
    assertNull(bars.get(1).finalPct());
    // change target: 0.9 -> 0.8 is -11.1% of the -13.5% asked, 82.3%; 0.774 is -14%, 103.7%.
    Shapes.DashboardBar national = bars.get(2);
    assertEquals("national_14th_fyp", national.plan());
    assertEquals(100 * (-100.0 / 9) / -13.5, national.pctOfTarget(), 1e-9);
    assertEquals(100 * -14.0 / -13.5, national.finalPct(), 1e-9);
    assertEquals(100.0, national.expectedPct(), 1e-9); // 0.7785 is -13.5%
  }

  @Test
  void cellsByIndicatorHoldEveryScopeWithMissingValuesAsNull() {
    Map<String, Map<String, Shapes.ScopeCell>> cells = Shapes.cellsByIndicator(progress());
    assertEquals(
        Map.of(
            "city", new Shapes.ScopeCell(76.0, "on_track"),
            "210502", new Shapes.ScopeCell(55.0, "off_track")),
        cells.get("forest_coverage"));
    assertEquals(
        Map.of("city", new Shapes.ScopeCell(0.8, "on_track")),
        cells.get("energy_intensity"),
        "the lead plan's row only");
  }

  @Test
  void countyValuesKeepTargetedIndicatorsWithCountyData() {
    Map<String, List<Shapes.CountyValue>> values = Shapes.countyValues(progress(), 6);
    assertEquals(
        Map.of("forest_coverage", List.of(new Shapes.CountyValue("210502", 55.0, "off_track"))),
        values);
    assertEquals(Map.of(), Shapes.countyValues(progress(), 0));
  }

  @Test
  void trendsCarryTheSeriesTargetBaselineAndProjection() {
    Table series =
        Table.create(
            "indicator_series",
            StringColumn.create(
                "indicator_id",
                "forest_coverage",
                "forest_coverage",
                "forest_coverage",
                "bulk_waste_utilization"),
            StringColumn.create("scope", "city", "city", "210502", "city"),
            StringColumn.create("month", "2021-02", "2021-01", "2021-01", "2021-01"),
            DoubleColumn.create("value", new double[] {76.0, 75.9, 55.0, Double.NaN}));
    List<Shapes.Trend> trends = Shapes.trends(progress(), series, "city");
    assertEquals(
        List.of("bulk_waste_utilization", "energy_intensity", "forest_coverage"),
        trends.stream().map(Shapes.Trend::id).toList());
    Shapes.Trend forest = trends.get(2);
    assertEquals(Map.of(YearMonth.of(2021, 1), 75.9, YearMonth.of(2021, 2), 76.0), forest.values());
    assertEquals(
        List.of(YearMonth.of(2021, 1), YearMonth.of(2021, 2)),
        List.copyOf(forest.values().keySet()));
    assertEquals(76.4, forest.target());
    assertEquals(75.5, forest.baseline());
    assertEquals(76.5, forest.projected2025());
    assertEquals(
        Map.of(), trends.get(0).values(), "a missing month is left out, not drawn as zero");
    assertNull(trends.get(1).target());
  }

  @Test
  void wasteUtilizationSumsBulkCategoriesOverTheYearToDate() {
    Table waste =
        Table.create(
            "solid_waste_county_month",
            StringColumn.create("month", "2021-01", "2021-02", "2021-03", "2020-12", "2021-02"),
            StringColumn.create("county_code", "210502", "210502", "210502", "210502", "210503"),
            StringColumn.create("category", "tailings", "tailings", "tailings", "tailings", "slag"),
            DoubleColumn.create("generated_t", 100, 300, 1000, 50, 40),
            DoubleColumn.create("utilized_t", 50, 150, 0, 50, 10),
            BooleanColumn.create("bulk", true, true, true, true, false));
    // 2021-02: Jan and Feb only (March is after, December another year); slag is not bulk.
    assertEquals(
        Map.of("210502", 50.0),
        Shapes.wasteUtilization(waste, YearMonth.of(2021, 2), "county_code"));
    double tailings =
        Shapes.wasteUtilization(waste, YearMonth.of(2021, 3), "category").get("tailings");
    assertEquals(100.0 * 200 / 1400, tailings, 1e-9); // Jan to Mar: 200 utilized of 1400
  }

  @Test
  void monthlyTotalsCoverTheTwelveMonthsEndingWithThePeriod() {
    Table energy =
        Table.create(
            "energy_sector_month",
            StringColumn.create("month", "2020-06", "2020-07", "2020-07", "2021-06", "2021-07"),
            StringColumn.create("sector", "steel", "steel", "steel", "coking", "steel"),
            DoubleColumn.create("tce", 1, 2, 3, 4, 5));
    Map<YearMonth, Map<String, Double>> byMonth =
        Shapes.monthlyBy(energy, YearMonth.of(2021, 6), "sector", "tce");
    assertEquals(
        Map.of(
            YearMonth.of(2020, 7),
            Map.of("steel", 5.0),
            YearMonth.of(2021, 6),
            Map.of("coking", 4.0)),
        byMonth);
  }

  @Test
  void topOrdersByTotalThenKeyAndCountsRows() {
    Table t = tceByEnterprise(new String[] {"B", "A", "C", "A", "D"}, 5, 2, 5, 3, 1);
    assertEquals(
        List.of("A", "B", "C"), List.copyOf(Shapes.top(t, "credit_code", "tce", 3).keySet()));
    assertEquals(
        Map.of("A", 2.0, "B", 1.0, "C", 1.0, "D", 1.0), Shapes.countBy(t, "credit_code", null));
    assertEquals(5.0, Shapes.countBy(t, "credit_code", "tce").get("A"));
    Table tiedAtTheCut = tceByEnterprise(new String[] {"C", "E", "B", "D", "A"}, 5, 9, 5, 1, 5);
    assertEquals(
        List.of("E", "A"), List.copyOf(Shapes.top(tiedAtTheCut, "credit_code", "tce", 2).keySet()));
  }

  private static Table tceByEnterprise(String[] codes, double... tce) {
    return Table.create(
        "energy_enterprise_month",
        StringColumn.create("credit_code", codes),
        DoubleColumn.create("tce", tce));
  }

  @Test
  void topNamedLabelsByEnterpriseNameAndTellsApartTwoOfTheSameName() {
    Table energy =
        Table.create(
            "energy_enterprise_month",
            StringColumn.create(
                "credit_code",
                "91210500AAAA1111",
                "91210500BBBB2222",
                "91210500CCCC3333",
                "91210500BBBB2222"),
            StringColumn.create("enterprise_name", "本钢板材", "本溪水泥", "本溪水泥", "本溪水泥"),
            DoubleColumn.create("tce", 500.0, 30.0, 40.0, 20.0));
    Map<String, Double> top = Shapes.topNamed(energy, "credit_code", "enterprise_name", "tce", 2);
    assertEquals(List.of("本钢板材", "本溪水泥 …2222"), List.copyOf(top.keySet()));
    assertEquals(50.0, top.get("本溪水泥 …2222"));
    assertEquals(
        List.of("本钢板材"),
        List.copyOf(Shapes.topNamed(energy, "credit_code", "enterprise_name", "tce", 1).keySet()));
  }

  @Test
  void aProgressMartFromBeforePlansReadsAsTheMainPlansWithNoFinalEvaluation() {
    Table old = progress().removeColumns("plan", "final_value", "final_status").dropRange(4, 5);
    Table read = Shapes.withPlanColumns(old, "benxi_2022_9");
    assertEquals(List.of("benxi_2022_9"), read.stringColumn("plan").unique().asList());
    assertEquals(4, read.doubleColumn("final_value").countMissing());
    assertEquals(2, Shapes.dashboard(read).size(), "forest and waste; the falling one has no bar");
    assertEquals(progress().rowCount(), Shapes.withPlanColumns(progress(), "x").rowCount());
  }
}
