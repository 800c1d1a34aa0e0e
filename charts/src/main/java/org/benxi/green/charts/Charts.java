package org.benxi.green.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Month;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Builds each chart of the report from its shaped data: one look (white, one palette, status
 * colours), units on every axis, and a source line (mart and as-of) under every chart.
 */
public final class Charts {
  private final Look look;
  private final String asOf;

  /** Charts in {@code look}, whose source lines name {@code asOf}. */
  public Charts(Look look, String asOf) {
    this.look = look;
    this.asOf = asOf;
  }

  /** Each city indicator's value as % of target, coloured by status, with the expected mark. */
  public JFreeChart dashboard(List<Shapes.DashboardBar> bars, Map<String, String> planNames) {
    DefaultCategoryDataset values = new DefaultCategoryDataset();
    DefaultCategoryDataset marks = new DefaultCategoryDataset();
    for (Shapes.DashboardBar b : bars) {
      String label = look.chinese() ? b.nameZh() : b.nameEn();
      if (!b.plan().isEmpty()) {
        label += " · " + planNames.getOrDefault(b.plan(), b.plan());
      }
      values.addValue(Math.max(0, Math.min(b.pctOfTarget(), 150)), look.t("value"), label);
      marks.addValue(
          b.expectedPct() == null ? null : Math.max(0, Math.min(b.expectedPct(), 150)),
          look.t("expected_mark"),
          label);
      marks.addValue(
          b.finalPct() == null ? null : Math.max(0, Math.min(b.finalPct(), 150)),
          look.t("final_mark"),
          label);
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            look.t("dashboard"),
            null,
            look.t("pct_of_target"),
            values,
            PlotOrientation.HORIZONTAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setRenderer(0, statusBars(bars.stream().map(Shapes.DashboardBar::status).toList(), 0.6));
    LineAndShapeRenderer mark = new LineAndShapeRenderer(false, true);
    mark.setSeriesShape(0, new Rectangle2D.Double(-1.5, -9, 3, 18));
    mark.setSeriesPaint(0, Look.TEXT);
    mark.setSeriesShape(1, diamond(7));
    mark.setSeriesPaint(1, Look.FINAL);
    plot.setDataset(1, marks);
    plot.setRenderer(1, mark);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.addRangeMarker(new ValueMarker(100, Look.MUTED, Look.DASHED));
    plot.getRangeAxis().setRange(0, 150);
    style(chart, "indicator_progress");
    chart.removeLegend();
    List<org.jfree.chart.LegendItem> extra = new java.util.ArrayList<>();
    extra.add(
        new org.jfree.chart.LegendItem(
            look.t("expected_mark"),
            null,
            null,
            null,
            new Rectangle2D.Double(-1.5, -6, 3, 12),
            Look.TEXT));
    if (bars.stream().anyMatch(b -> b.finalPct() != null)) {
      extra.add(
          new org.jfree.chart.LegendItem(
              look.t("final_mark"), null, null, null, diamond(6), Look.FINAL));
    }
    chart.addSubtitle(statusLegend(extra));
    return chart;
  }

  /** A diamond of half-width {@code r}, the mark of a final value. */
  private static java.awt.Shape diamond(double r) {
    java.awt.geom.Path2D.Double d = new java.awt.geom.Path2D.Double();
    d.moveTo(0, -r);
    d.lineTo(r, 0);
    d.lineTo(0, r);
    d.lineTo(-r, 0);
    d.closePath();
    return d;
  }

  /** One indicator's monthly city values with its target, trajectory and projection. */
  public JFreeChart trend(Shapes.Trend t, YearMonth baselinePeriod, YearMonth targetPeriod) {
    TimeSeriesCollection data = new TimeSeriesCollection();
    TimeSeries values = new TimeSeries(look.t("value"));
    t.values().forEach((m, v) -> values.add(month(m), v));
    data.addSeries(values);
    if (t.baseline() != null && t.target() != null) {
      TimeSeries path = new TimeSeries(look.t("trajectory"));
      path.add(month(baselinePeriod), t.baseline());
      path.add(month(targetPeriod), t.target());
      data.addSeries(path);
    }
    YearMonth last =
        t.values().isEmpty() ? null : ((java.util.TreeMap<YearMonth, Double>) t.values()).lastKey();
    // From the target month on, the projection is the value itself: no line to draw.
    if (t.projected2025() != null && last != null && last.isBefore(targetPeriod)) {
      TimeSeries projection = new TimeSeries(look.t("projection_line"));
      projection.add(month(last), t.values().get(last));
      projection.add(month(targetPeriod), t.projected2025());
      data.addSeries(projection);
    }
    String name = look.chinese() ? t.nameZh() : t.nameEn();
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(
            name, look.t("month"), t.unit(), data, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, Look.statusColor(t.status()));
    r.setSeriesStroke(0, new java.awt.BasicStroke(2.4f));
    r.setSeriesShapesVisible(0, true);
    r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
    r.setSeriesPaint(1, Look.MUTED);
    r.setSeriesStroke(1, Look.DASHED);
    r.setSeriesPaint(2, Look.PALETTE.get(3));
    r.setSeriesStroke(2, Look.DASHED);
    plot.setRenderer(r);
    if (t.target() != null) {
      ValueMarker target =
          new ValueMarker(t.target(), Look.STATUS.get("achieved"), new java.awt.BasicStroke(1.4f));
      target.setLabel(look.t("target") + " " + format(t.target()));
      target.setLabelFont(look.font(Font.PLAIN, 11f));
      target.setLabelPaint(Look.STATUS.get("achieved"));
      target.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
      target.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(target);
    }
    ((DateAxis) plot.getDomainAxis())
        .setDateFormatOverride(new java.text.SimpleDateFormat("yyyy-MM"));
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    style(chart, "indicator_series, indicator_progress");
    return chart;
  }

  /**
   * Small multiples: one panel per indicator, the counties side by side, bars coloured by status.
   * {@code names} gives each indicator's title and each county's label.
   */
  public JFreeChart countyMultiples(
      Map<String, List<Shapes.CountyValue>> byIndicator,
      Map<String, String> names,
      Map<String, String> units) {
    org.jfree.chart.plot.CombinedDomainCategoryPlot combined =
        new org.jfree.chart.plot.CombinedDomainCategoryPlot(new CategoryAxis());
    combined.setGap(14);
    java.util.SortedSet<String> counties = new java.util.TreeSet<>();
    byIndicator.values().forEach(list -> list.forEach(c -> counties.add(c.county())));
    for (Map.Entry<String, List<Shapes.CountyValue>> e : byIndicator.entrySet()) {
      // Every panel lists every county, so the panels' bars line up under one axis.
      DefaultCategoryDataset data = new DefaultCategoryDataset();
      List<Shapes.CountyValue> values = e.getValue();
      List<String> statuses = new java.util.ArrayList<>();
      for (String county : counties) {
        Shapes.CountyValue v =
            values.stream().filter(c -> c.county().equals(county)).findFirst().orElse(null);
        data.addValue(v == null ? null : v.value(), e.getKey(), names.getOrDefault(county, county));
        statuses.add(v == null ? "missing" : v.status());
      }
      BarRenderer r = statusBars(statuses, 0.08);
      NumberAxis axis = new NumberAxis(units.getOrDefault(e.getKey(), ""));
      double max = values.stream().mapToDouble(Shapes.CountyValue::value).max().orElse(0);
      double top = max > 0 ? max * 1.35 : 1; // head room for the panel's title
      axis.setRange(0, top);
      axis.setLabelFont(look.font(Font.PLAIN, 11f));
      axis.setTickLabelFont(look.font(Font.PLAIN, 10f));
      CategoryPlot panel = new CategoryPlot(data, null, axis, r);
      panel.setBackgroundPaint(Color.WHITE);
      panel.setRangeGridlinePaint(Look.GRID);
      panel.setOutlineVisible(false);
      org.jfree.chart.annotations.CategoryTextAnnotation title =
          new org.jfree.chart.annotations.CategoryTextAnnotation(
              names.getOrDefault(e.getKey(), e.getKey()), data.getColumnKey(0), top * 0.97);
      title.setFont(look.font(Font.BOLD, 12f));
      title.setPaint(Look.TEXT);
      title.setCategoryAnchor(org.jfree.chart.axis.CategoryAnchor.START);
      title.setTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
      panel.addAnnotation(title);
      combined.add(panel, 1);
    }
    combined.getDomainAxis().setTickLabelFont(look.font(Font.PLAIN, 11f));
    JFreeChart chart =
        new JFreeChart(look.t("counties"), look.font(Font.BOLD, 17f), combined, false);
    style(chart, "indicator_progress");
    chart.addSubtitle(statusLegend());
    return chart;
  }

  /** Values per category as vertical bars, one colour. */
  public JFreeChart bars(String titleKey, String axisKey, Map<String, Double> values, String mart) {
    JFreeChart chart = barChart(titleKey, axisKey, values, mart, PlotOrientation.VERTICAL);
    chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return chart;
  }

  /** The largest values as horizontal bars, largest on top. */
  public JFreeChart ranking(
      String titleKey, String axisKey, Map<String, Double> values, String mart) {
    return barChart(titleKey, axisKey, values, mart, PlotOrientation.HORIZONTAL);
  }

  private JFreeChart barChart(
      String titleKey,
      String axisKey,
      Map<String, Double> values,
      String mart,
      PlotOrientation orientation) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    values.forEach((k, v) -> data.addValue(v, look.t(axisKey), k));
    JFreeChart chart =
        ChartFactory.createBarChart(
            look.t(titleKey), null, look.t(axisKey), data, orientation, false, false, false);
    barStyle(chart.getCategoryPlot());
    style(chart, mart);
    return chart;
  }

  /** Monthly values stacked by key. */
  public JFreeChart stacked(
      String titleKey, String axisKey, Map<YearMonth, Map<String, Double>> byMonth, String mart) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    byMonth.forEach((m, byKey) -> byKey.forEach((k, v) -> data.addValue(v, k, m.toString())));
    JFreeChart chart =
        ChartFactory.createStackedBarChart(
            look.t(titleKey),
            look.t("month"),
            look.t(axisKey),
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    StackedBarRenderer r = new StackedBarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    for (int i = 0; i < data.getRowCount(); i++) {
      r.setSeriesPaint(i, Look.PALETTE.get(i % Look.PALETTE.size()));
    }
    plot.setRenderer(r);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    style(chart, mart);
    return chart;
  }

  /** One monthly total as a line. */
  public JFreeChart monthlyLine(
      String titleKey, String axisKey, Map<YearMonth, Double> byMonth, String mart) {
    TimeSeriesCollection data = new TimeSeriesCollection();
    TimeSeries s = new TimeSeries(look.t(axisKey));
    byMonth.forEach((m, v) -> s.add(month(m), v));
    data.addSeries(s);
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(
            look.t(titleKey), look.t("month"), look.t(axisKey), data, false, false, false);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, Look.PALETTE.get(0));
    r.setSeriesStroke(0, new java.awt.BasicStroke(2.4f));
    r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    chart.getXYPlot().setRenderer(r);
    ((DateAxis) chart.getXYPlot().getDomainAxis())
        .setDateFormatOverride(new java.text.SimpleDateFormat("yyyy-MM"));
    style(chart, mart);
    return chart;
  }

  /** Flat bars, the i-th coloured by the i-th status. */
  private static BarRenderer statusBars(List<String> statuses, double maxWidth) {
    BarRenderer bars =
        new BarRenderer() {
          @Override
          public java.awt.Paint getItemPaint(int row, int column) {
            return Look.statusColor(statuses.get(column));
          }
        };
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setMaximumBarWidth(maxWidth);
    return bars;
  }

  private void barStyle(CategoryPlot plot) {
    if (plot.getRangeAxis() instanceof NumberAxis n
        && java.util.Set.of(look.t("row_count"), look.t("enterprises"), look.t("lines"))
            .contains(n.getLabel())) {
      n.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // counts: whole numbers
    }
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, Look.PALETTE.get(0));
    r.setMaximumBarWidth(0.08);
  }

  private LegendTitle statusLegend() {
    return statusLegend(List.of());
  }

  /** The status colours, then {@code extra} items. */
  private LegendTitle statusLegend(List<org.jfree.chart.LegendItem> extra) {
    org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
    for (String status : List.of("achieved", "on_track", "at_risk", "off_track")) {
      items.add(new org.jfree.chart.LegendItem(look.t(status), Look.statusColor(status)));
    }
    extra.forEach(items::add);
    LegendTitle legend = new LegendTitle(() -> items);
    legend.setItemFont(look.font(Font.PLAIN, 12f));
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setFrame(BlockBorder.NONE);
    return legend;
  }

  /** White background, light grid, the report font, and the source line under the chart. */
  private void style(JFreeChart chart, String mart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.getTitle().setFont(look.font(Font.BOLD, 17f));
    chart.getTitle().setPaint(Look.TEXT);
    chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
    chart.setPadding(new RectangleInsets(8, 8, 8, 16));
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(look.font(Font.PLAIN, 12f));
      chart.getLegend().setFrame(BlockBorder.NONE);
    }
    TextTitle source =
        new TextTitle(
            look.t("source")
                + (look.chinese() ? "：" : ": ")
                + look.t("mart")
                + " "
                + mart
                + " · "
                + look.t("as_of")
                + " "
                + asOf,
            look.font(Font.PLAIN, 11f));
    source.setPaint(Look.MUTED);
    source.setPosition(RectangleEdge.BOTTOM);
    source.setHorizontalAlignment(HorizontalAlignment.LEFT);
    chart.addSubtitle(source);
    if (chart.getPlot() instanceof CategoryPlot p) {
      p.setBackgroundPaint(Color.WHITE);
      p.setRangeGridlinePaint(Look.GRID);
      p.setOutlineVisible(false);
      axis(p.getDomainAxis());
      axis(p.getRangeAxis());
    } else if (chart.getPlot() instanceof XYPlot p) {
      p.setBackgroundPaint(Color.WHITE);
      p.setRangeGridlinePaint(Look.GRID);
      p.setDomainGridlinePaint(Look.GRID);
      p.setOutlineVisible(false);
      axis(p.getDomainAxis());
      axis(p.getRangeAxis());
    }
  }

  private void axis(Object axis) {
    if (axis instanceof CategoryAxis a) {
      a.setLabelFont(look.font(Font.PLAIN, 12f));
      a.setTickLabelFont(look.font(Font.PLAIN, 11f));
    } else if (axis instanceof ValueAxis a) {
      a.setLabelFont(look.font(Font.PLAIN, 12f));
      a.setTickLabelFont(look.font(Font.PLAIN, 11f));
    }
  }

  private static Month month(YearMonth m) {
    return new Month(m.getMonthValue(), m.getYear());
  }

  static String format(double v) {
    return java.math.BigDecimal.valueOf(v)
        .setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
