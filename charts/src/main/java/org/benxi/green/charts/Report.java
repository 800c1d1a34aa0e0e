package org.benxi.green.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.Plan;
import org.benxi.green.datasets.ReferenceData;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import tech.tablesaw.api.Table;

/**
 * Renders a publication's chart report from its published marts: reports/charts/*.png and *.svg and
 * a self-contained reports/index.html (charts embedded, no network use, prints on A4).
 */
public final class Report {
  /** Chart size in pixels: the width of an A4 page's text block at about 130 dpi. */
  public static final int WIDTH = 1000;

  /** Chart height in pixels. */
  public static final int HEIGHT = 560;

  /** Height of the county small multiples, which stack six panels. */
  public static final int TALL = 1100;

  private Report() {}

  /** What a rendering produced: the chart names in page order and whether labels fell back. */
  public record Rendered(List<String> charts, boolean fellBackToEnglish, Path index) {}

  /**
   * Loads Tablesaw now: its first use scans the class path for readers, seconds of CPU with Spark's
   * jars on it, which a report rendered later then need not spend. For a thread with time to spare,
   * as when a Spark session starts.
   */
  public static void preload() {
    try {
      Class.forName("tech.tablesaw.api.Table");
    } catch (ClassNotFoundException | LinkageError e) {
      // render loads it itself and says what is wrong
    }
  }

  /**
   * Renders {@code publication} (a folder with marts/, reports/ and manifest.json) for {@code
   * period} in {@code language} ("zh" or "en"), replacing any earlier rendering.
   */
  public static Rendered render(
      Path publication,
      YearMonth period,
      String language,
      IndicatorCatalog catalog,
      ReferenceData reference) {
    Look look = Look.forLanguage(language);
    Map<String, Object> manifest = readJson(publication.resolve("manifest.json"));
    String asOf = String.valueOf(manifest.get("as_of"));
    Charts charts = new Charts(look, asOf);
    Table progress = mart(publication, "indicator_progress");
    Table series = mart(publication, "indicator_series");
    Table waste = mart(publication, "solid_waste_county_month");
    Table energy = mart(publication, "energy_sector_month");
    // The largest mart (a row per enterprise and energy): only totals for the ranking.
    Shapes.KeyTotals consumers =
        MartReader.totals(
            martDir(publication, "energy_enterprise_month"),
            "credit_code",
            "enterprise_name",
            "tce");
    Table power = mart(publication, "power_capacity");
    Table lines = mart(publication, "line_efficiency");
    Table qualityReasons = mart(publication, "data_quality_reasons");
    Table quality = mart(publication, "data_quality");

    Map<String, String> planNames = new LinkedHashMap<>();
    catalog.plans().forEach(p -> planNames.put(p.id(), p.document()));
    Map<String, JFreeChart> set = new LinkedHashMap<>();
    set.put("dashboard", charts.dashboard(Shapes.dashboard(progress), planNames));
    for (Shapes.Trend t : Shapes.trends(progress, series, "city")) {
      Plan plan = catalog.plan(t.plan());
      set.put("trend_" + t.id(), charts.trend(t, plan.baselinePeriod(), plan.targetPeriod()));
    }
    Map<String, String> countyNames = new TreeMap<>();
    reference
        .counties()
        .forEach((code, c) -> countyNames.put(code, look.chinese() ? c.nameZh() : c.nameEn()));
    Map<String, String> panelNames = new TreeMap<>(countyNames);
    Map<String, String> units = new TreeMap<>();
    for (tech.tablesaw.api.Row r : progress) {
      panelNames.put(
          r.getString("indicator_id"), r.getString(look.chinese() ? "name_zh" : "name_en"));
      units.put(r.getString("indicator_id"), r.getString("unit"));
    }
    set.put(
        "county_multiples",
        charts.countyMultiples(Shapes.countyValues(progress, 6), panelNames, units));
    set.put(
        "waste_by_county",
        charts.bars(
            "waste_county",
            "utilization_pct",
            rename(Shapes.wasteUtilization(waste, period, "county_code"), countyNames),
            "solid_waste_county_month"));
    set.put(
        "waste_by_category",
        charts.bars(
            "waste_category",
            "utilization_pct",
            Shapes.wasteUtilization(waste, period, "category"),
            "solid_waste_county_month"));
    Map<String, String> sectorNames = new TreeMap<>();
    reference
        .sectors()
        .values()
        .forEach(x -> sectorNames.put(x.sector(), look.chinese() ? x.nameZh() : x.nameEn()));
    set.put(
        "energy_by_sector",
        charts.stacked(
            "energy_sector",
            "tce",
            renameKeys(Shapes.monthlyBy(energy, period, "sector", "tce"), sectorNames),
            "energy_sector_month"));
    Map<String, String> energyNames = new TreeMap<>();
    reference
        .energyFactors()
        .values()
        .forEach(f -> energyNames.put(f.code(), look.chinese() ? f.nameZh() : f.nameEn()));
    set.put(
        "energy_by_type",
        charts.stacked(
            "energy_type",
            "tce",
            renameKeys(Shapes.monthlyBy(energy, period, "energy_code", "tce"), energyNames),
            "energy_sector_month"));
    Map<YearMonth, Double> co2 = new TreeMap<>();
    Shapes.monthlyBy(energy, period, "sector", "co2_t")
        .forEach(
            (m, byKey) ->
                co2.put(m, byKey.values().stream().mapToDouble(Double::doubleValue).sum()));
    set.put("co2", charts.monthlyLine("co2", "co2_t", co2, "energy_sector_month"));
    Map<String, String> sourceNames = new TreeMap<>();
    reference
        .powerSources()
        .values()
        .forEach(
            p ->
                sourceNames.put(
                    p.source(), look.chinese() ? p.nameZh() : p.source().replace('_', ' ')));
    set.put(
        "capacity_mix",
        charts.stacked(
            "capacity_mix",
            "mw",
            renameKeys(Shapes.monthlyBy(power, period, "source", "capacity_mw"), sourceNames),
            "power_capacity"));
    set.put(
        "top_consumers",
        charts.ranking("top20", "tce", Shapes.topNamed(consumers, 20), "energy_enterprise_month"));
    Map<String, Double> classes = new LinkedHashMap<>();
    Map<String, Double> byClass = Shapes.countBy(lines, "efficiency_class", null);
    for (String k : List.of("benchmark", "between", "below_baseline", "no_output")) {
      classes.put(look.t(k), byClass.getOrDefault(k, 0.0));
    }
    set.put("efficiency", charts.bars("efficiency", "lines", classes, "line_efficiency"));
    Table rejects = qualityReasons.where(qualityReasons.stringColumn("kind").isEqualTo("reject"));
    set.put(
        "rejects_by_reason",
        charts.ranking(
            "rejects_reason",
            "row_count",
            Shapes.countBy(rejects, "code", "rows"),
            "data_quality_reasons"));
    set.put(
        "missing_reporters",
        charts.bars(
            "missing_reporters",
            "enterprises",
            Shapes.countBy(quality, "source", "missing_reporters"),
            "data_quality"));

    Path reports = publication.resolve("reports");
    Path chartDir = reports.resolve("charts");
    Map<String, byte[]> pngs = new LinkedHashMap<>();
    try {
      Files.createDirectories(chartDir);
      // Charts are independent: drawn on every core, then written in page order.
      List<byte[][]> drawn =
          set.entrySet().parallelStream().map(e -> draw(e.getKey(), e.getValue())).toList();
      int i = 0;
      for (String name : set.keySet()) {
        byte[][] files = drawn.get(i++);
        pngs.put(name, files[0]);
        replace(chartDir.resolve(name + ".png"), files[0]);
        replace(chartDir.resolve(name + ".svg"), files[1]);
      }
      String html =
          Html.page(
              look,
              Look.fellBack(language, look),
              period,
              manifest,
              progress,
              quality,
              countyNames,
              catalog,
              pngs);
      Path index = reports.resolve("index.html");
      replace(index, html.getBytes(StandardCharsets.UTF_8));
      return new Rendered(List.copyOf(set.keySet()), Look.fellBack(language, look), index);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report into " + reports, e);
    }
  }

  /** A chart as PNG and SVG bytes; the county small multiples are drawn taller. */
  private static byte[][] draw(String name, JFreeChart chart) {
    int height = name.equals("county_multiples") ? TALL : HEIGHT;
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(png, chart, WIDTH, height);
      SVGGraphics2D svg = new SVGGraphics2D(WIDTH, height);
      svg.setDefsKeyPrefix("green");
      chart.draw(svg, new Rectangle(WIDTH, height));
      return new byte[][] {
        png.toByteArray(), svg.getSVGDocument().getBytes(StandardCharsets.UTF_8)
      };
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot draw the chart " + name, e);
    }
  }

  /** A published mart of the publication, with only {@code columns} (all when none). */
  static Table mart(Path publication, String name, String... columns) {
    Table table = MartReader.read(martDir(publication, name), name, List.of(columns));
    return name.equals("indicator_progress")
        ? Shapes.withPlanColumns(table, IndicatorCatalog.shipped().mainPlan().id())
        : table;
  }

  private static Path martDir(Path publication, String name) {
    return publication.resolve("marts").resolve(name);
  }

  private static Map<String, Double> rename(Map<String, Double> values, Map<String, String> names) {
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(names.getOrDefault(k, k), v));
    return out;
  }

  private static Map<YearMonth, Map<String, Double>> renameKeys(
      Map<YearMonth, Map<String, Double>> byMonth, Map<String, String> names) {
    Map<YearMonth, Map<String, Double>> out = new TreeMap<>();
    byMonth.forEach((m, values) -> out.put(m, rename(values, names)));
    return out;
  }

  /** Writes beside the target, then renames over it: readers never see half a file. */
  private static void replace(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readJson(Path file) {
    try {
      return new ObjectMapper()
          .readValue(Files.readString(file, StandardCharsets.UTF_8), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Base64 of a PNG, for embedding. */
  static String base64(byte[] png) {
    return Base64.getEncoder().encodeToString(png);
  }
}
