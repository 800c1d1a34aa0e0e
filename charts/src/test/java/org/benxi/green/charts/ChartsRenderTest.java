package org.benxi.green.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

/** Every chart kind renders headless to a PNG of the report's size with something drawn on it. */
class ChartsRenderTest {
  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void everyChartKindRendersToANonBlankPngOfTheReportSize(String language) throws Exception {
    Look look = Look.forLanguage(language);
    Charts charts = new Charts(look, "2021-07-15");
    Table progress = ShapesTest.progress();
    Map<YearMonth, Map<String, Double>> stacked = new TreeMap<>();
    stacked.put(YearMonth.of(2021, 5), Map.of("steel", 10.0, "coking", 4.0));
    stacked.put(YearMonth.of(2021, 6), Map.of("steel", 12.0, "coking", 5.0));
    Map<YearMonth, Double> line =
        new TreeMap<>(Map.of(YearMonth.of(2021, 5), 3.0, YearMonth.of(2021, 6), 4.0));
    Map<String, Double> bars = new LinkedHashMap<>(Map.of("平山区", 50.0, "溪湖区", 70.0));
    Shapes.Trend trend =
        new Shapes.Trend(
            "forest_coverage",
            "benxi_2022_9",
            "森林覆盖率",
            "Forest coverage",
            "%",
            new TreeMap<>(Map.of(YearMonth.of(2021, 1), 75.9, YearMonth.of(2021, 2), 76.0)),
            76.4,
            75.5,
            76.5,
            "on_track");
    List<JFreeChart> all =
        List.of(
            charts.dashboard(Shapes.dashboard(progress), Map.of("national_14th_fyp", "十四五规划纲要")),
            charts.trend(trend, YearMonth.of(2020, 12), YearMonth.of(2025, 12)),
            charts.bars("waste_county", "utilization_pct", bars, "solid_waste_county_month"),
            charts.ranking("top20", "tce", bars, "energy_enterprise_month"),
            charts.stacked("energy_sector", "tce", stacked, "energy_sector_month"),
            charts.monthlyLine("co2", "co2_t", line, "energy_sector_month"),
            charts.countyMultiples(
                Shapes.countyValues(progress, 6),
                Map.of("forest_coverage", "森林覆盖率", "210502", "平山区"),
                Map.of("forest_coverage", "%")));
    for (JFreeChart chart : all) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(png, chart, Report.WIDTH, Report.HEIGHT);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
      assertEquals(Report.WIDTH, image.getWidth());
      assertEquals(Report.HEIGHT, image.getHeight());
      assertEquals(0xFFFFFFFF, image.getRGB(2, 2), "white background");
      assertTrue(nonWhitePixels(image) > 2_000, chart.getTitle().getText() + " draws something");
      boolean sourceLine = false;
      for (int i = 0; i < chart.getSubtitleCount(); i++) {
        if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
          sourceLine |= t.getText().contains("2021-07-15") && t.getText().contains("_");
        }
      }
      assertTrue(sourceLine, "a source line names the mart and the as-of");
    }
  }

  @Test
  void aTrendWhoseLastMonthIsTheTargetMonthDrawsNoProjection() {
    Charts charts = new Charts(Look.forLanguage("en"), "2026-01-10");
    Shapes.Trend december2025 =
        new Shapes.Trend(
            "forest_coverage",
            "benxi_2022_9",
            "森林覆盖率",
            "Forest coverage",
            "%",
            new TreeMap<>(Map.of(YearMonth.of(2025, 11), 76.3, YearMonth.of(2025, 12), 76.5)),
            76.4,
            75.5,
            76.5,
            "achieved");
    JFreeChart chart = charts.trend(december2025, YearMonth.of(2020, 12), YearMonth.of(2025, 12));
    org.jfree.data.xy.XYDataset data = chart.getXYPlot().getDataset();
    assertEquals(2, data.getSeriesCount(), "values and trajectory, no projection");
    assertEquals(76.5, data.getYValue(0, 1));
  }

  private static int nonWhitePixels(BufferedImage image) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        n += image.getRGB(x, y) == 0xFFFFFFFF ? 0 : 1;
      }
    }
    return n;
  }
}
