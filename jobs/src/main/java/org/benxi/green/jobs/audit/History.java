package org.benxi.green.jobs.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.publish.Manifest;
import org.benxi.green.jobs.publish.Publications;

/**
 * Every publication of one period, oldest first, with the input files and indicator rows that
 * changed since the publication before it: the change notice for the monthly memo.
 */
public final class History {
  private History() {}

  /** One publication and what changed since the one before it (nothing for the first). */
  public record Entry(
      Publications.Publication publication,
      boolean current,
      String finishedAt,
      int inputFiles,
      List<PublicationDiff.InputChange> inputs,
      List<PublicationDiff.IndicatorChange> indicators) {}

  /** The period's publications, oldest first. */
  public static List<Entry> of(Path warehouse, String period) {
    Publications publications = new Publications(warehouse);
    List<Publications.Publication> chain = new ArrayList<>(publications.history(period));
    Collections.reverse(chain);
    List<Entry> entries = new ArrayList<>();
    Manifest previousManifest = null;
    Path previousIndicators = null;
    for (int i = 0; i < chain.size(); i++) {
      Publications.Publication p = chain.get(i);
      Path dir = publications.publicationDir(period, p.runId());
      Manifest manifest = Manifest.read(dir.resolve("manifest.json"));
      Path indicators = dir.resolve("reports/indicators.csv");
      entries.add(
          new Entry(
              p,
              i == chain.size() - 1,
              manifest.finishedAt(),
              manifest.inputs().size(),
              previousManifest == null
                  ? List.of()
                  : PublicationDiff.inputs(previousManifest, manifest),
              previousIndicators == null
                  ? List.of()
                  : PublicationDiff.indicators(
                      previousIndicators, indicators, IndicatorCatalog.shipped().mainPlan().id())));
      previousManifest = manifest;
      previousIndicators = indicators;
    }
    return entries;
  }

  /**
   * The indicator rows that changed in the newest publication, side by side with the one before:
   * indicator, scope, value and status before and after.
   */
  public static tech.tablesaw.api.Table changes(List<Entry> entries) {
    tech.tablesaw.api.StringColumn id = tech.tablesaw.api.StringColumn.create("indicator_id");
    tech.tablesaw.api.StringColumn scope = tech.tablesaw.api.StringColumn.create("scope");
    tech.tablesaw.api.StringColumn before = tech.tablesaw.api.StringColumn.create("value_before");
    tech.tablesaw.api.StringColumn after = tech.tablesaw.api.StringColumn.create("value_after");
    tech.tablesaw.api.StringColumn statusBefore =
        tech.tablesaw.api.StringColumn.create("status_before");
    tech.tablesaw.api.StringColumn statusAfter =
        tech.tablesaw.api.StringColumn.create("status_after");
    if (!entries.isEmpty()) {
      for (PublicationDiff.IndicatorChange c : entries.get(entries.size() - 1).indicators()) {
        id.append(c.indicatorId());
        scope.append(c.scope());
        before.append(c.before().getOrDefault("value", ""));
        after.append(c.after().getOrDefault("value", ""));
        statusBefore.append(c.before().getOrDefault("status", ""));
        statusAfter.append(c.after().getOrDefault("status", ""));
      }
    }
    return tech.tablesaw.api.Table.create(
        "indicator changes", id, scope, before, after, statusBefore, statusAfter);
  }

  /** The change notice as lines, in English or Chinese. */
  public static List<String> format(
      String period,
      List<Entry> entries,
      IndicatorCatalog catalog,
      ReferenceData reference,
      boolean chinese) {
    List<String> lines = new ArrayList<>();
    if (entries.isEmpty()) {
      lines.add(chinese ? period + "：尚未发布。" : period + ": not published yet.");
      return lines;
    }
    lines.add(
        chinese
            ? period + "：共 " + entries.size() + " 次发布，按时间先后排列。"
            : period + ": " + entries.size() + " publication(s), oldest first.");
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      lines.add("");
      lines.add(
          chinese
              ? String.format(
                  "%d. 运行 %s · 数据截至 %s · 完成于 %s · 输入文件 %d 个%s",
                  i + 1,
                  e.publication().runId(),
                  e.publication().asOf(),
                  e.finishedAt(),
                  e.inputFiles(),
                  e.current() ? " · 当前发布" : "")
              : String.format(
                  "%d. run %s · as of %s · finished %s · %d input files%s",
                  i + 1,
                  e.publication().runId(),
                  e.publication().asOf(),
                  e.finishedAt(),
                  e.inputFiles(),
                  e.current() ? " · current" : ""));
      if (i == 0) {
        lines.add(chinese ? "   本期首次发布。" : "   First publication of the period.");
        continue;
      }
      if (e.inputs().isEmpty()) {
        lines.add(
            chinese
                ? "   输入文件与第 " + i + " 次发布相同。"
                : "   Same input files as publication " + i + ".");
      } else {
        lines.add(
            chinese
                ? "   与第 " + i + " 次发布相比，输入文件变化 " + e.inputs().size() + " 个："
                : "   Input files changed since publication "
                    + i
                    + " ("
                    + e.inputs().size()
                    + "):");
        e.inputs().forEach(c -> lines.add("     " + c.describe()));
      }
      if (e.indicators().isEmpty()) {
        lines.add(chinese ? "   指标无变化。" : "   No indicator changed.");
      } else {
        lines.add(
            chinese
                ? "   指标变化（" + e.indicators().size() + " 项）："
                : "   Indicator changes (" + e.indicators().size() + "):");
        e.indicators().forEach(c -> lines.add("     " + c.describe(catalog, reference, chinese)));
      }
    }
    return lines;
  }
}
