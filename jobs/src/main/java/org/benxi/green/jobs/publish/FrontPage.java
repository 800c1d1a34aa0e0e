package org.benxi.green.jobs.publish;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.datasets.Plan;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.audit.History;
import org.benxi.green.jobs.audit.PublicationDiff;

/**
 * {@code <warehouse>/index.html}, the analysts' front page: one line per published period (as-of,
 * run, status counts, a link to its report) with the change notice since the period's previous
 * publication and its earlier publications, then each plan's final evaluation once it exists. Read
 * from the published files only; rewritten atomically by every run.
 */
public final class FrontPage {
  /** Change lines shown per period; the rest are counted. */
  static final int CHANGES_SHOWN = 8;

  private static final String CSS =
      """
      body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;color:#212121;margin:24px auto;max-width:1040px;padding:0 16px}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:2px solid #00695c;padding-bottom:4px;margin-top:28px}
      .meta{color:#616161;font-size:13px}table{border-collapse:collapse;width:100%;font-size:12.5px;margin:8px 0}
      th,td{border-bottom:1px solid #e0e0e0;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f5f5f5}
      td.n{text-align:right;font-variant-numeric:tabular-nums}a{color:#00695c}
      .s{display:inline-block;padding:1px 7px;border-radius:9px;color:#fff;font-size:11.5px;white-space:nowrap;margin:1px 2px}
      .achieved{background:#2e7d32}.on_track{background:#1565c0}.at_risk{background:#ef8f00}.off_track,.missed{background:#c62828}
      .missing{background:#9e9e9e}.no_target{background:#bdbdbd;color:#212121}
      ul.changes{margin:4px 0 0 0;padding-left:18px;font-size:12px;color:#424242}
      """;

  private FrontPage() {}

  /** Rewrites {@code <warehouse>/index.html} from the current publications; returns its path. */
  public static Path write(Path warehouse, IndicatorCatalog catalog, ReferenceData reference) {
    Publications publications = new Publications(warehouse);
    List<String> periods = new ArrayList<>(publications.periods());
    Collections.reverse(periods);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<title>本溪市绿色低碳循环发展指标 · 发布一览</title><style>")
        .append(CSS)
        .append("</style></head><body>\n")
        .append("<h1>本溪市绿色低碳循环发展指标 · 发布一览</h1>\n")
        .append("<p class=\"meta\">Benxi green low-carbon circular economy indicators: every")
        .append(" published period, newest first. ")
        .append(periods.size())
        .append(" 期 periods.</p>\n");
    for (Plan plan : catalog.plans()) {
      String evaluated = newestEvaluated(periods, plan);
      if (evaluated != null) {
        finalEvaluation(h, publications, evaluated, plan, catalog);
      }
    }
    h.append("<h2>发布一览 · Publications</h2>\n<table><tr><th>期别 Period</th>")
        .append("<th>数据截至 As of</th><th>运行编号 Run</th><th>指标状态 Statuses</th>")
        .append("<th>较上次发布的变化 Changes since the previous publication</th></tr>\n");
    for (String period : periods) {
      List<History.Entry> entries = History.of(warehouse, period);
      History.Entry current = entries.get(entries.size() - 1);
      Path dir = publications.publicationDir(period, current.publication().runId());
      h.append("<tr data-period=\"")
          .append(period)
          .append("\"><td><a href=\"reports/")
          .append(period)
          .append("/index.html\">")
          .append(period)
          .append("</a></td><td>")
          .append(esc(current.publication().asOf()))
          .append("</td><td>")
          .append(esc(current.publication().runId()))
          .append("</td><td>");
      statusCounts(readIndicators(dir.resolve("reports/indicators.csv")))
          .forEach(
              (status, n) ->
                  h.append("<span class=\"s ")
                      .append(esc(status))
                      .append("\">")
                      .append(esc(PublicationDiff.statusZh(status)))
                      .append(' ')
                      .append(n)
                      .append("</span>"));
      h.append("</td><td>");
      changes(h, entries, catalog, reference);
      h.append("</td></tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    Path target = warehouse.resolve("index.html");
    Path tmp = warehouse.resolve(".index.html.tmp");
    try {
      Files.writeString(tmp, h, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the front page " + target, e);
    }
    return target;
  }

  /** The newest published period after {@code plan}'s target period, or null. */
  private static String newestEvaluated(List<String> newestFirst, Plan plan) {
    for (String period : newestFirst) {
      if (plan.endedBy(YearMonth.parse(period))) {
        return period;
      }
    }
    return null;
  }

  private static void finalEvaluation(
      StringBuilder h,
      Publications publications,
      String period,
      Plan plan,
      IndicatorCatalog catalog) {
    String runId = publications.currentRunId(period).orElseThrow();
    List<Map<String, String>> rows =
        readIndicators(publications.publicationDir(period, runId).resolve("reports/indicators.csv"))
            .stream()
            .filter(r -> r.get("scope").equals("city") && plan.id().equals(r.get("plan")))
            .filter(r -> r.get("final_status") != null && !r.get("final_status").isEmpty())
            .toList();
    if (rows.isEmpty()) {
      return; // that publication predates final evaluations
    }
    h.append("<h2 data-final-evaluation=\"")
        .append(esc(plan.id()))
        .append("\">终期评估 · Final evaluation · ")
        .append(esc(plan.document()))
        .append("</h2>\n<p class=\"meta\">")
        .append(esc(plan.title()))
        .append(" · 目标期 target period ")
        .append(plan.targetPeriod())
        .append(" · 发布于 published in <a href=\"reports/")
        .append(period)
        .append("/index.html\">")
        .append(period)
        .append("</a></p>\n<table><tr><th>指标 Indicator</th><th>单位</th><th>目标 Target</th>")
        .append("<th>目标期值 Value at ")
        .append(plan.targetPeriod())
        .append("</th><th>评估结论 Final status</th></tr>\n");
    for (Map<String, String> r : rows) {
      IndicatorDef def = catalog.get(r.get("indicator_id"), plan.id());
      String status = r.get("final_status");
      String target =
          def.fallsEveryYear()
              ? "逐年下降 falls every year"
              : def.targetsChange()
                  ? "较基期 " + r.get("target") + "%"
                  : def.comparator().symbol() + " " + r.get("target");
      h.append("<tr data-indicator=\"")
          .append(esc(def.id()))
          .append("\"><td>")
          .append(esc(def.nameZh()))
          .append("<br><span class=\"meta\">")
          .append(esc(def.nameEn()))
          .append("</span></td><td>")
          .append(esc(def.unit()))
          .append("</td><td>")
          .append(esc(target))
          .append("</td><td class=\"n\">")
          .append(esc(r.get("final_value")))
          .append("</td><td><span class=\"s ")
          .append(esc(status))
          .append("\">")
          .append(esc(PublicationDiff.statusZh(status)))
          .append("</span></td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** The newest publication's changes, then the period's earlier publications. */
  private static void changes(
      StringBuilder h,
      List<History.Entry> entries,
      IndicatorCatalog catalog,
      ReferenceData reference) {
    History.Entry current = entries.get(entries.size() - 1);
    if (entries.size() == 1) {
      h.append("首次发布 first publication");
      return;
    }
    List<PublicationDiff.IndicatorChange> changed = current.indicators();
    h.append("输入文件变化 ")
        .append(current.inputs().size())
        .append(" input files changed · 指标变化 ")
        .append(changed.size())
        .append(" indicator rows changed");
    if (!changed.isEmpty()) {
      h.append("<ul class=\"changes\">");
      for (PublicationDiff.IndicatorChange c :
          changed.subList(0, Math.min(CHANGES_SHOWN, changed.size()))) {
        h.append("<li>").append(esc(c.describe(catalog, reference, true))).append("</li>");
      }
      if (changed.size() > CHANGES_SHOWN) {
        h.append("<li>…另有 ").append(changed.size() - CHANGES_SHOWN).append(" 项 more</li>");
      }
      h.append("</ul>");
    }
    h.append("<div class=\"meta\">此前发布 earlier publications: ");
    List<String> earlier = new ArrayList<>();
    for (History.Entry e : entries.subList(0, entries.size() - 1)) {
      earlier.add(e.publication().runId() + " (as of " + e.publication().asOf() + ")");
    }
    Collections.reverse(earlier);
    h.append(esc(String.join(", ", earlier))).append("</div>");
  }

  /** Rows of a published indicators.csv. */
  private static List<Map<String, String>> readIndicators(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord r : format.parse(reader)) {
        Map<String, String> row = new LinkedHashMap<>();
        r.toMap().forEach((k, v) -> row.put(k.startsWith("\uFEFF") ? k.substring(1) : k, v));
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Rows per status, in a fixed order. */
  static Map<String, Integer> statusCounts(List<Map<String, String>> rows) {
    Map<String, Integer> counts = new TreeMap<>();
    rows.forEach(r -> counts.merge(r.get("status"), 1, Integer::sum));
    Map<String, Integer> ordered = new LinkedHashMap<>();
    for (String s :
        List.of("achieved", "on_track", "at_risk", "off_track", "no_target", "missing")) {
      if (counts.containsKey(s)) {
        ordered.put(s, counts.remove(s));
      }
    }
    ordered.putAll(counts);
    return ordered;
  }

  private static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
