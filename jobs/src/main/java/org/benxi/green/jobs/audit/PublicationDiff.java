package org.benxi.green.jobs.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.publish.CsvReports;
import org.benxi.green.jobs.publish.Manifest;

/**
 * What differs between two outputs of one period: input files by path and SHA-256 (from the
 * manifests), and indicators.csv rows by indicator, plan and scope.
 */
public final class PublicationDiff {
  private static final Map<String, String> STATUS_ZH =
      Map.of(
          "achieved", "已达标",
          "on_track", "进度正常",
          "at_risk", "有风险",
          "off_track", "滞后",
          "missing", "缺数据",
          "no_target", "无分解目标",
          "missed", "未达标");

  private PublicationDiff() {}

  /** One input file added, removed or changed between two manifests. */
  public record InputChange(String kind, String file, String oldSha256, String newSha256) {
    /** One line: kind and file, with the shortened hashes of a changed file. */
    public String describe() {
      String hashes =
          kind.equals("changed")
              ? "  (SHA-256 "
                  + oldSha256.substring(0, 12)
                  + "… → "
                  + newSha256.substring(0, 12)
                  + "…)"
              : "";
      return String.format("%-8s %s%s", kind, file, hashes);
    }
  }

  /** One indicators.csv row, keyed by indicator, plan and scope, whose cells differ. */
  public record IndicatorChange(
      String indicatorId,
      String plan,
      String scope,
      Map<String, String> before,
      Map<String, String> after) {

    /** One line naming the indicator and scope, the value and status change, then other cells. */
    public String describe(IndicatorCatalog catalog, ReferenceData reference, boolean chinese) {
      IndicatorDef def =
          catalog.indicators().stream()
              .filter(d -> d.id().equals(indicatorId))
              .findFirst()
              .orElse(null);
      String name = def == null ? "" : " " + (chinese ? def.nameZh() : def.nameEn());
      if (!plan.isEmpty() && !plan.equals(catalog.mainPlan().id())) {
        name += " [" + plan + "]";
      }
      String scopeName = scopeName(reference, chinese);
      String unit = after.getOrDefault("unit", before.getOrDefault("unit", ""));
      StringBuilder line =
          new StringBuilder(indicatorId)
              .append(name)
              .append(" · ")
              .append(scopeName)
              .append(chinese ? "：" : ": ");
      line.append(chinese ? "数值 " : "value ")
          .append(cell(before, "value"))
          .append(" → ")
          .append(cell(after, "value"))
          .append(unit.isEmpty() ? "" : " " + unit);
      line.append(chinese ? "，状态 " : ", status ")
          .append(status(before.get("status"), chinese))
          .append(" → ")
          .append(status(after.get("status"), chinese));
      for (String column :
          List.of(
              "target", "baseline", "expected", "projected_2025", "final_value", "final_status")) {
        if (!Objects.equals(before.get(column), after.get(column))) {
          line.append(chinese ? "，" : ", ")
              .append(column)
              .append(' ')
              .append(cell(before, column))
              .append(" → ")
              .append(cell(after, column));
        }
      }
      return line.toString();
    }

    private String scopeName(ReferenceData reference, boolean chinese) {
      if (scope.equals("city")) {
        return chinese ? "全市" : "city";
      }
      ReferenceData.County county = reference.counties().get(scope);
      return county == null ? scope : scope + " " + (chinese ? county.nameZh() : county.nameEn());
    }

    private static String cell(Map<String, String> row, String column) {
      String v = row == null ? null : row.get(column);
      return v == null ? "(absent)" : v.isEmpty() ? "(empty)" : v;
    }

    private static String status(String status, boolean chinese) {
      if (status == null) {
        return "(absent)";
      }
      return chinese ? statusZh(status) : status;
    }
  }

  /** A status's Chinese name (the code itself when it has none). */
  public static String statusZh(String status) {
    return STATUS_ZH.getOrDefault(status, status);
  }

  /** Inputs added, removed or changed from {@code before} to {@code after}, by file path. */
  public static List<InputChange> inputs(Manifest before, Manifest after) {
    Map<String, String> old = inputHashes(before);
    Map<String, String> now = inputHashes(after);
    List<InputChange> changes = new ArrayList<>();
    TreeMap<String, Boolean> files = new TreeMap<>();
    old.keySet().forEach(f -> files.put(f, true));
    now.keySet().forEach(f -> files.put(f, true));
    for (String file : files.keySet()) {
      String a = old.get(file);
      String b = now.get(file);
      if (a == null) {
        changes.add(new InputChange("added", file, null, b));
      } else if (b == null) {
        changes.add(new InputChange("removed", file, a, null));
      } else if (!a.equals(b)) {
        changes.add(new InputChange("changed", file, a, b));
      }
    }
    return changes;
  }

  /**
   * Rows of indicators.csv that differ in any cell, in the order of {@code after}. A file written
   * before plans were data has no plan column: its rows are read as {@code mainPlan}'s.
   */
  public static List<IndicatorChange> indicators(Path before, Path after, String mainPlan) {
    Map<String, Map<String, String>> old = indicatorRows(before, mainPlan);
    Map<String, Map<String, String>> now = indicatorRows(after, mainPlan);
    List<IndicatorChange> changes = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : now.entrySet()) {
      Map<String, String> was = old.get(e.getKey());
      if (!e.getValue().equals(was)) {
        changes.add(
            new IndicatorChange(
                e.getValue().get("indicator_id"),
                e.getValue().get("plan"),
                e.getValue().get("scope"),
                was == null ? Map.of() : was,
                e.getValue()));
      }
    }
    for (Map.Entry<String, Map<String, String>> e : old.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        changes.add(
            new IndicatorChange(
                e.getValue().get("indicator_id"),
                e.getValue().get("plan"),
                e.getValue().get("scope"),
                e.getValue(),
                Map.of()));
      }
    }
    return changes;
  }

  private static Map<String, String> inputHashes(Manifest manifest) {
    Map<String, String> hashes = new LinkedHashMap<>();
    manifest.inputsByFile().forEach((file, input) -> hashes.put(file, input.sha256()));
    return hashes;
  }

  /**
   * indicators.csv rows keyed by indicator id, plan and scope, in file order, period left out; a
   * column the file lacks reads as empty, and a missing plan as {@code mainPlan}.
   */
  private static Map<String, Map<String, String>> indicatorRows(Path file, String mainPlan) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      Map<String, Map<String, String>> rows = new LinkedHashMap<>();
      try (Reader reader = new StringReader(text)) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord r : format.parse(reader)) {
          Map<String, String> row = new LinkedHashMap<>();
          for (String column : CsvReports.INDICATOR_COLUMNS) {
            if (!column.equals("period")) {
              row.put(column, r.isMapped(column) ? r.get(column) : "");
            }
          }
          if (row.get("plan").isEmpty()) {
            row.put("plan", mainPlan);
          }
          rows.put(row.get("indicator_id") + "|" + row.get("plan") + "|" + row.get("scope"), row);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
