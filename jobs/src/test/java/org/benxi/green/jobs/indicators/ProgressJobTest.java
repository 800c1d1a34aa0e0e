package org.benxi.green.jobs.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressJobTest {
  private static final IndicatorCatalog CATALOG = IndicatorCatalog.shipped();
  private static final YearMonth P = YearMonth.of(2023, 6); // 30 of 60 months

  @TempDir Path root;

  private ReferenceData withCountyTargets(String csv) throws IOException {
    Files.createDirectories(root.resolve("reference"));
    Files.writeString(root.resolve("reference/county_targets.csv"), csv);
    return ReferenceData.load(root);
  }

  /** Series rows: the indicator at 2020-12 and 2023-06 in each scope. */
  private static List<Row> series(String id, Map<String, double[]> byScope) {
    List<Row> rows = new ArrayList<>();
    byScope.forEach(
        (scope, v) -> {
          rows.add(row(id, scope, "2020-12", v[0]));
          rows.add(row(id, scope, "2023-06", v[1]));
        });
    return rows;
  }

  private static Row row(String id, String scope, String month, double value) {
    return new GenericRowWithSchema(
        new Object[] {id, scope, month, value, value, null}, IndicatorSeries.SCHEMA);
  }

  private static Map<String, Row> byScope(List<Row> progress) {
    Map<String, Row> out = new HashMap<>();
    progress.forEach(r -> out.put(r.<String>getAs("scope") + " " + r.getAs("plan"), r));
    return out;
  }

  @Test
  void aCountyTargetOverridesTheCitysAndACountWithoutOneHasNoTarget() throws IOException {
    ReferenceData reference =
        withCountyTargets(
            "indicator_id,plan,county_code,target,source\n"
                + "green_factories,benxi_2022_9,210502,12,illustrative allocation (test)\n");
    Map<String, double[]> values = new java.util.LinkedHashMap<>();
    values.put("city", new double[] {20, 35});
    values.put("210502", new double[] {4, 8});
    values.put("210503", new double[] {3, 6});
    Map<String, Row> rows =
        byScope(ProgressJob.transform(series("green_factories", values), CATALOG, reference, P));

    Row city = rows.get("city benxi_2022_9");
    assertEquals(50.0, city.<Double>getAs("target"));
    assertEquals(35.0, city.<Double>getAs("expected")); // 20 + 30 x 30/60
    assertEquals("on_track", city.getAs("status"));

    Row own = rows.get("210502 benxi_2022_9");
    assertEquals(12.0, own.<Double>getAs("target"));
    assertEquals(8.0, own.<Double>getAs("expected")); // 4 + 8 x 30/60
    assertEquals("on_track", own.getAs("status"));
    assertEquals("county: illustrative allocation (test)", own.getAs("target_source"));

    Row none = rows.get("210503 benxi_2022_9");
    assertEquals(6.0, none.<Double>getAs("value"));
    assertNull(none.getAs("target"));
    assertNull(none.getAs("expected"));
    assertEquals("no_target", none.getAs("status"));
  }

  @Test
  void aRatioCountyWithoutATargetIsJudgedAgainstTheCitysWithItsOwnBaseline() throws IOException {
    ReferenceData reference = withCountyTargets("indicator_id,plan,county_code,target,source\n");
    Map<String, double[]> values = Map.of("210503", new double[] {55, 64});
    Row county =
        ProgressJob.transform(series("bulk_waste_utilization", values), CATALOG, reference, P)
            .get(0);
    assertEquals(75.0, county.<Double>getAs("target"));
    assertEquals(65.0, county.<Double>getAs("expected")); // 55 + 20 x 30/60
    assertEquals("at_risk", county.getAs("status"));
  }

  @Test
  void eachPlanThatTracksAnIndicatorGetsItsOwnRow() {
    Map<String, double[]> values = Map.of("city", new double[] {2.0, 1.8});
    Map<String, Row> rows =
        byScope(
            ProgressJob.transform(
                series("energy_intensity", values), CATALOG, ReferenceData.shipped(), P));
    assertEquals(2, rows.size());
    assertNull(rows.get("city benxi_2022_9").getAs("target"));
    Row national = rows.get("city national_14th_fyp");
    assertEquals(-13.5, national.<Double>getAs("target"));
    assertEquals("change_vs_baseline <=", national.getAs("comparator"));
    assertEquals(1.865, national.<Double>getAs("expected"));
    assertEquals("on_track", national.getAs("status"));
    assertNull(national.getAs("final_status"), "2023-06 is before the target period");
  }

  @Test
  void aCountyTargetForAnUnknownCountyIsRefusedWithItsLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                withCountyTargets(
                    "indicator_id,plan,county_code,target,source\n"
                        + "green_factories,benxi_2022_9,210599,5,test\n"));
    assertTrue(
        e.getMessage().startsWith("reference/county_targets.csv:2: county_code '210599'"),
        e.getMessage());
  }

  @Test
  void aCountyTargetNamingNoCatalogRowIsRefusedWithItsLine() throws IOException {
    ReferenceData reference =
        withCountyTargets(
            "indicator_id,plan,county_code,target,source\n"
                + "green_factories,benxi_2022_9,210502,12,test\n"
                + "green_factories,national_14th_fyp,210502,12,test\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CATALOG.check(reference.countyTargets()));
    assertEquals(
        "reference/county_targets.csv:3: the catalog has no indicator green_factories under plan"
            + " national_14th_fyp",
        e.getMessage());
  }

  @Test
  void theRunCountsTheCitysFinalStatusesPerEndedPlan() {
    List<Row> series = new ArrayList<>();
    for (String scope : List.of("city", "210502")) {
      series.add(row("energy_intensity", scope, "2020-12", 2.0));
      series.add(row("energy_intensity", scope, "2025-12", 1.75));
      series.add(row("energy_intensity", scope, "2026-01", 1.7));
    }
    List<Row> progress =
        ProgressJob.transform(series, CATALOG, ReferenceData.shipped(), YearMonth.of(2026, 1));
    // Benxi's "falls every year" is missing: 2021-12 to 2024-12 have no value. National: -12.5%
    // against -13.5%, missed. County rows are left out.
    assertEquals(
        Map.of(
            "benxi_2022_9", Map.of("missing", 1L),
            "national_14th_fyp", Map.of("missed", 1L)),
        org.benxi.green.jobs.ComputedPeriod.finalStatuses(progress));
    assertEquals(
        Map.of(),
        org.benxi.green.jobs.ComputedPeriod.finalStatuses(
            ProgressJob.transform(series, CATALOG, ReferenceData.shipped(), P)),
        "before the target period there is no final evaluation");
  }
}
