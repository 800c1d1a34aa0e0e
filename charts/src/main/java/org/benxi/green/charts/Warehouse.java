package org.benxi.green.charts;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.Plan;
import org.benxi.green.datasets.ReferenceData;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.api.Table;

/**
 * A published warehouse as analysts use it in notebooks: its periods, each period's current
 * publication, marts as Tablesaw tables and the report's charts as images. Reads only; nothing is
 * recomputed.
 */
public final class Warehouse {
  private final Path root;
  private final Look look;

  private Warehouse(Path root, Look look) {
    this.root = root;
    this.look = look;
  }

  /** The warehouse at {@code path}, with charts in Chinese when a CJK font is installed. */
  public static Warehouse open(String path) {
    Path root = Path.of(path).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("current"))) {
      throw new IllegalArgumentException(root + ": no published period (run ./green demo first)");
    }
    return new Warehouse(root, Look.forLanguage("zh"));
  }

  /** The warehouse named by the GREEN_WAREHOUSE variable, else demo/warehouse. */
  public static Warehouse fromEnvironment() {
    String path = System.getenv().getOrDefault("GREEN_WAREHOUSE", "demo/warehouse");
    return open(path);
  }

  /** The warehouse folder. */
  public Path root() {
    return root;
  }

  /** Published periods, oldest first. */
  public List<String> periods() {
    try (Stream<Path> s = Files.list(root.resolve("current"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(name -> name.matches("\\d{4}-\\d{2}"))
          .filter(name -> Files.isRegularFile(publication(name).resolve("manifest.json")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root.resolve("current"), e);
    }
  }

  /** The latest published period. */
  public String latestPeriod() {
    List<String> periods = periods();
    if (periods.isEmpty()) {
      throw new IllegalStateException(root + ": no published period");
    }
    return periods.get(periods.size() - 1);
  }

  /** The folder of the period's current publication (pinned: later switches do not move it). */
  public Path publication(String period) {
    try {
      return root.resolve("current").resolve(period).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(period + " has no publication in " + root, e);
    }
  }

  /** One mart of the period's current publication, with only {@code columns} (all when none). */
  public Table mart(String period, String name, String... columns) {
    return Report.mart(publication(period), name, columns);
  }

  /** The period's indicators for one scope ("city" or a county code), in display order. */
  public Table indicators(String period, String scope) {
    Table progress = mart(period, "indicator_progress");
    return progress
        .where(progress.stringColumn("scope").isEqualTo(scope))
        .sortAscendingOn("display_order")
        .selectColumns(
            "indicator_id",
            look.chinese() ? "name_zh" : "name_en",
            "value",
            "unit",
            "target",
            "expected",
            "status",
            "yoy_change",
            "projected_2025",
            "plan",
            "final_value",
            "final_status");
  }

  /** County code to name, in the charts' language. */
  public Map<String, String> counties() {
    Map<String, String> names = new java.util.TreeMap<>();
    ReferenceData.shipped()
        .counties()
        .forEach((code, c) -> names.put(code, look.chinese() ? c.nameZh() : c.nameEn()));
    return names;
  }

  /** The dashboard chart of the period. */
  public BufferedImage dashboard(String period) {
    Map<String, String> planNames = new LinkedHashMap<>();
    IndicatorCatalog.shipped().plans().forEach(p -> planNames.put(p.id(), p.document()));
    return image(
        charts(period).dashboard(Shapes.dashboard(mart(period, "indicator_progress")), planNames));
  }

  /** One indicator's monthly trend for a scope ("city" or a county code). */
  public BufferedImage trend(String period, String indicatorId, String scope) {
    IndicatorCatalog catalog = IndicatorCatalog.shipped();
    Shapes.Trend trend =
        Shapes.trends(mart(period, "indicator_progress"), mart(period, "indicator_series"), scope)
            .stream()
            .filter(t -> t.id().equals(indicatorId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No indicator " + indicatorId));
    Plan plan = catalog.plan(trend.plan());
    return image(charts(period).trend(trend, plan.baselinePeriod(), plan.targetPeriod()));
  }

  /** A county's largest energy consumers in the period's month (tce), largest first. */
  public BufferedImage topConsumers(String period, String county, int n) {
    Table energy =
        mart(
            period,
            "energy_enterprise_month",
            "credit_code",
            "enterprise_name",
            "county_code",
            "tce");
    Table mine = energy.where(energy.stringColumn("county_code").isEqualTo(county));
    return image(
        charts(period)
            .ranking(
                "top20",
                "tce",
                Shapes.topNamed(mine, "credit_code", "enterprise_name", "tce", n),
                "energy_enterprise_month"));
  }

  /**
   * A county's waste flows by category, year to date: generated, utilized, disposed, stored (t).
   */
  public Table wasteFlows(String period, String county) {
    Table waste = mart(period, "solid_waste_county_month");
    String year = YearMonth.parse(period).getYear() + "-";
    Table mine =
        waste.where(
            waste
                .stringColumn("county_code")
                .isEqualTo(county)
                .and(waste.stringColumn("month").startsWith(year))
                .and(waste.stringColumn("month").eval(m -> m.compareTo(period) <= 0)));
    return mine.summarize(
            "generated_t",
            "utilized_t",
            "disposed_t",
            "stored_t",
            tech.tablesaw.aggregate.AggregateFunctions.sum)
        .by("category");
  }

  private Charts charts(String period) {
    String asOf =
        String.valueOf(Report.readJson(publication(period).resolve("manifest.json")).get("as_of"));
    return new Charts(look, asOf);
  }

  private static BufferedImage image(JFreeChart chart) {
    return chart.createBufferedImage(Report.WIDTH, Report.HEIGHT);
  }
}
