package org.benxi.green.charts;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.Plan;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/** The report page: header with the manifest summary, indicator tables, charts, data quality. */
final class Html {
  private Html() {}

  private static final String CSS =
      """
      body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;color:#212121;background:#fff;margin:24px auto;max-width:1040px;padding:0 16px}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:2px solid #00695c;padding-bottom:4px;margin-top:28px}
      .meta{color:#616161;font-size:13px}.note{background:#fff8e1;border-left:4px solid #ef8f00;padding:6px 10px;font-size:13px}
      table{border-collapse:collapse;width:100%;font-size:12.5px;margin:8px 0}th,td{border-bottom:1px solid #e0e0e0;padding:4px 6px;text-align:left}
      td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f5f5f5}
      .s{display:inline-block;padding:1px 8px;border-radius:9px;color:#fff;font-size:12px;white-space:nowrap}
      .achieved{background:#2e7d32}.on_track{background:#1565c0}.at_risk{background:#ef8f00}.off_track{background:#c62828}.missed{background:#c62828}.missing{background:#9e9e9e}.no_target{background:#bdbdbd;color:#212121}
      h3{font-size:14.5px;margin:16px 0 2px}a{color:#00695c}
      figure{margin:14px 0;page-break-inside:avoid}figure img{width:100%;height:auto;border:1px solid #eee}
      figcaption{font-size:11px;color:#757575}
      @page{size:A4;margin:14mm}
      @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}
      """;

  static String page(
      Look look,
      boolean fellBack,
      YearMonth period,
      Map<String, Object> manifest,
      Table progress,
      Table quality,
      Map<String, String> countyNames,
      IndicatorCatalog catalog,
      Map<String, byte[]> pngs) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"")
        .append(look.chinese() ? "zh-CN" : "en")
        .append("\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(look.t("title")))
        .append(' ')
        .append(period)
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n");
    h.append("<p class=\"meta\"><a href=\"../../index.html\">")
        .append(esc(look.t("front_page")))
        .append("</a></p>\n");
    h.append("<h1>").append(esc(look.t("title"))).append(" · ").append(period).append("</h1>\n");
    h.append("<p class=\"meta\">").append(esc(look.t("plan"))).append("</p>\n");
    List<?> inputs = (List<?>) manifest.get("inputs");
    long read = 0;
    long rejected = 0;
    for (Object o : inputs) {
      Map<?, ?> i = (Map<?, ?>) o;
      read += ((Number) i.get("read")).longValue();
      rejected += ((Number) i.get("rejected")).longValue();
    }
    h.append("<p class=\"meta\">")
        .append(esc(look.t("as_of")))
        .append(' ')
        .append(esc(String.valueOf(manifest.get("as_of"))))
        .append(" · ")
        .append(esc(look.t("run")))
        .append(' ')
        .append(esc(String.valueOf(manifest.get("run_id"))))
        .append(" · ")
        .append(esc(look.t("inputs")))
        .append(' ')
        .append(inputs.size())
        .append(" · ")
        .append(esc(look.t("rows")))
        .append(' ')
        .append(read)
        .append(" · ")
        .append(esc(look.t("rejected")))
        .append(' ')
        .append(rejected)
        .append("</p>\n");
    if (fellBack) {
      h.append("<p class=\"note\">").append(esc(look.t("font_note"))).append("</p>\n");
    }

    for (Plan plan : catalog.plans()) {
      if (plan.endedBy(period)) {
        finalEvaluation(h, look, progress, plan, period);
      }
    }
    h.append("<h2>").append(esc(look.t("indicators"))).append("</h2>\n");
    for (Plan plan : catalog.plans()) {
      Table rows = cityRows(progress, plan);
      if (rows.isEmpty()) {
        continue;
      }
      h.append("<h3>").append(esc(planTitle(plan))).append("</h3>\n");
      indicatorTable(h, look, rows);
    }
    figure(h, look, "dashboard", pngs);
    h.append("<h2>").append(esc(look.t("counties"))).append("</h2>\n");
    countyTable(h, look, progress, countyNames);
    figure(h, look, "county_multiples", pngs);

    h.append("<h2>").append(esc(look.t("trends"))).append("</h2>\n");
    pngs.keySet().stream()
        .filter(k -> k.startsWith("trend_"))
        .forEach(k -> figure(h, look, k, pngs));
    h.append("<h2>").append(esc(look.t("charts"))).append("</h2>\n");
    for (String k :
        List.of(
            "waste_by_county",
            "waste_by_category",
            "energy_by_sector",
            "energy_by_type",
            "co2",
            "capacity_mix",
            "top_consumers",
            "efficiency")) {
      figure(h, look, k, pngs);
    }

    h.append("<h2>").append(esc(look.t("quality"))).append("</h2>\n");
    qualityTable(h, look, quality);
    figure(h, look, "rejects_by_reason", pngs);
    figure(h, look, "missing_reporters", pngs);

    h.append("<h2>")
        .append(esc(look.t("manifest")))
        .append("</h2>\n<table><tr><th>")
        .append(esc(look.t("source")))
        .append("</th><th class=\"n\">")
        .append(esc(look.t("files")))
        .append("</th><th class=\"n\">")
        .append(esc(look.t("rows")))
        .append("</th><th class=\"n\">")
        .append(esc(look.t("rejected")))
        .append("</th></tr>\n");
    Map<String, long[]> bySource = new TreeMap<>();
    for (Object o : inputs) {
      Map<?, ?> i = (Map<?, ?>) o;
      long[] c = bySource.computeIfAbsent(String.valueOf(i.get("source")), k -> new long[3]);
      c[0]++;
      c[1] += ((Number) i.get("read")).longValue();
      c[2] += ((Number) i.get("rejected")).longValue();
    }
    bySource.forEach(
        (s, c) ->
            h.append("<tr><td>")
                .append(esc(s))
                .append("</td><td class=\"n\">")
                .append(c[0])
                .append("</td><td class=\"n\">")
                .append(c[1])
                .append("</td><td class=\"n\">")
                .append(c[2])
                .append("</td></tr>\n"));
    h.append("</table>\n<p class=\"meta\">manifest: runs/")
        .append(esc(String.valueOf(manifest.get("run_id"))))
        .append("/manifest.json · green ")
        .append(esc(String.valueOf(manifest.get("code_version"))))
        .append(" · Spark ")
        .append(esc(String.valueOf(manifest.get("spark_version"))))
        .append("</p>\n</body></html>\n");
    return h.toString();
  }

  /** The plan's document number, title and periods, as its tables' heading. */
  static String planTitle(Plan plan) {
    return plan.document()
        + " "
        + plan.title()
        + "（"
        + plan.baselinePeriod()
        + " → "
        + plan.targetPeriod()
        + "）";
  }

  /** The plan's city rows in display order. */
  static Table cityRows(Table progress, Plan plan) {
    return progress
        .where(
            progress
                .stringColumn("scope")
                .isEqualTo("city")
                .and(progress.stringColumn("plan").isEqualTo(plan.id())))
        .sortAscendingOn("display_order");
  }

  /**
   * The final evaluation (终期评估) of a plan whose target period is over: each indicator's value at
   * the target period and whether it met the target, with the current value and status beside.
   */
  private static void finalEvaluation(
      StringBuilder h, Look look, Table progress, Plan plan, YearMonth period) {
    Table rows = cityRows(progress, plan);
    if (rows.stringColumn("final_status").isNotMissing().isEmpty()) {
      return; // published before final evaluations were computed
    }
    h.append("<h2 data-final-evaluation=\"")
        .append(esc(plan.id()))
        .append("\">")
        .append(esc(look.t("final_evaluation")))
        .append(" · ")
        .append(esc(plan.document()))
        .append("</h2>\n<p class=\"meta\">")
        .append(esc(plan.title()))
        .append(" · ")
        .append(esc(look.t("target_period")))
        .append(' ')
        .append(plan.targetPeriod())
        .append(" · ");
    Map<String, Integer> counts = new TreeMap<>();
    for (Row r : rows) {
      counts.merge(r.getString("final_status"), 1, Integer::sum);
    }
    counts.forEach((status, n) -> h.append(esc(look.t(status))).append(' ').append(n).append(' '));
    h.append("</p>\n<table><tr>");
    for (String k :
        List.of(
            "indicator",
            "unit",
            "target",
            "final_value",
            "final_status",
            "current_value",
            "status")) {
      String label = look.t(k);
      if (k.equals("final_value")) {
        label += " " + plan.targetPeriod();
      } else if (k.equals("current_value")) {
        label += " " + period;
      }
      h.append("<th>").append(esc(label)).append("</th>");
    }
    h.append("</tr>\n");
    for (Row r : rows) {
      String finalStatus = r.getString("final_status");
      String status = r.getString("status");
      h.append("<tr data-indicator=\"")
          .append(esc(r.getString("indicator_id")))
          .append("\"><td>")
          .append(esc(look.chinese() ? r.getString("name_zh") : r.getString("name_en")))
          .append("</td><td>")
          .append(esc(r.getString("unit")))
          .append("</td><td class=\"n\">")
          .append(targetCell(look, r))
          .append("</td><td class=\"n\">")
          .append(num(r, "final_value"))
          .append("</td><td><span class=\"s ")
          .append(esc(finalStatus))
          .append("\">")
          .append(esc(look.t(finalStatus)))
          .append("</span></td><td class=\"n\">")
          .append(num(r, "value"))
          .append("</td><td><span class=\"s ")
          .append(esc(status))
          .append("\">")
          .append(esc(look.t(status)))
          .append("</span></td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** The target as the plan words it: a level, "falls every year", or a change in %. */
  private static String targetCell(Look look, Row r) {
    String comparator = r.getString("comparator");
    if (comparator.equals("falls")) {
      return esc(look.t("falls"));
    }
    if (comparator.startsWith("change_vs_baseline")) {
      return esc(look.t("change_vs_baseline")) + " " + num(r, "target") + "%";
    }
    return (comparator.equals(">") ? "&gt; " : "") + num(r, "target");
  }

  private static void indicatorTable(StringBuilder h, Look look, Table rows) {
    h.append("<table><tr>");
    for (String k :
        List.of(
            "indicator", "value", "unit", "target", "expected", "status", "yoy", "projection")) {
      h.append("<th>").append(esc(look.t(k))).append("</th>");
    }
    h.append("</tr>\n");
    for (Row r : rows) {
      String status = r.getString("status");
      h.append("<tr data-indicator=\"")
          .append(esc(r.getString("indicator_id")))
          .append("\"><td>")
          .append(esc(look.chinese() ? r.getString("name_zh") : r.getString("name_en")))
          .append("</td><td class=\"n\">")
          .append(num(r, "value"))
          .append("</td><td>")
          .append(esc(r.getString("unit")))
          .append("</td><td class=\"n\">")
          .append(targetCell(look, r))
          .append("</td><td class=\"n\">")
          .append(num(r, "expected"))
          .append("</td><td><span class=\"s ")
          .append(esc(status))
          .append("\">")
          .append(esc(look.t(status)))
          .append("</span></td><td class=\"n\">")
          .append(num(r, "yoy_change"))
          .append("</td><td class=\"n\">")
          .append(num(r, "projected_2025"))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void countyTable(
      StringBuilder h, Look look, Table progress, Map<String, String> countyNames) {
    h.append("<table><tr><th>").append(esc(look.t("indicator"))).append("</th>");
    countyNames.values().forEach(n -> h.append("<th>").append(esc(n)).append("</th>"));
    h.append("</tr>\n");
    Table lead = Shapes.leadRows(progress);
    Table city =
        lead.where(lead.stringColumn("scope").isEqualTo("city")).sortAscendingOn("display_order");
    Map<String, Map<String, Shapes.ScopeCell>> byIndicator = Shapes.cellsByIndicator(progress);
    for (Row c : city) {
      String id = c.getString("indicator_id");
      h.append("<tr><td>")
          .append(esc(look.chinese() ? c.getString("name_zh") : c.getString("name_en")))
          .append("</td>");
      Map<String, Shapes.ScopeCell> byScope = byIndicator.getOrDefault(id, Map.of());
      for (String county : countyNames.keySet()) {
        Shapes.ScopeCell cell = byScope.get(county);
        if (cell == null) {
          h.append("<td></td>");
          continue;
        }
        h.append("<td class=\"n\"><span class=\"s ")
            .append(esc(cell.status()))
            .append("\" title=\"")
            .append(esc(look.t(cell.status())))
            .append("\">")
            .append(cell.value() == null ? "–" : Charts.format(cell.value()))
            .append("</span></td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void qualityTable(StringBuilder h, Look look, Table quality) {
    h.append("<table><tr>");
    for (String k :
        List.of(
            "source", "files", "rows", "accepted", "rejected", "warnings", "missing_reporters")) {
      h.append("<th>").append(esc(look.t(k))).append("</th>");
    }
    h.append("</tr>\n");
    Map<String, double[]> bySource = new TreeMap<>();
    for (Row r : quality) {
      double[] c = bySource.computeIfAbsent(r.getString("source"), k -> new double[6]);
      String[] cols = {
        "files", "rows_read", "rows_accepted", "rows_rejected", "warnings", "missing_reporters"
      };
      for (int i = 0; i < cols.length; i++) {
        c[i] += r.getNumber(cols[i]);
      }
    }
    bySource.forEach(
        (s, c) -> {
          h.append("<tr><td>").append(esc(s)).append("</td>");
          for (double v : c) {
            h.append("<td class=\"n\">").append((long) v).append("</td>");
          }
          h.append("</tr>\n");
        });
    h.append("</table>\n");
  }

  private static void figure(StringBuilder h, Look look, String name, Map<String, byte[]> pngs) {
    h.append("<figure data-chart=\"")
        .append(name)
        .append("\"><img alt=\"")
        .append(name)
        .append("\" src=\"data:image/png;base64,")
        .append(Report.base64(pngs.get(name)))
        .append("\"><figcaption><a href=\"charts/")
        .append(name)
        .append(".svg\">SVG</a> · <a href=\"charts/")
        .append(name)
        .append(".png\">PNG</a></figcaption></figure>\n");
  }

  private static String num(Row r, String column) {
    return r.isMissing(column) ? "" : Charts.format(r.getDouble(column));
  }

  static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
