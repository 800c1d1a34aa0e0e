package org.benxi.green.charts;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benxi.green.datasets.ReferenceData;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * reports/P/county_table.csv: one row per indicator (under its lead plan), the city and every
 * county side by side (value and status each), Excel-safe. Written from the published
 * indicator_progress mart, in both languages so it does not depend on installed fonts.
 */
public final class CountyTable {
  private CountyTable() {}

  /** Writes the table of {@code publication} into its reports folder. */
  public static Path write(Path publication, ReferenceData reference) {
    Table progress = Report.mart(publication, "indicator_progress");
    Map<String, String> scopes = new TreeMap<>();
    reference.counties().forEach((code, c) -> scopes.put(code, c.nameZh() + " " + c.nameEn()));
    List<String> header =
        new ArrayList<>(List.of("indicator_id", "name_zh", "name_en", "unit", "target"));
    header.add("city_value");
    header.add("city_status");
    scopes
        .keySet()
        .forEach(
            code -> {
              header.add(code + "_value");
              header.add(code + "_status");
            });
    Map<String, Map<String, Shapes.ScopeCell>> byIndicator = Shapes.cellsByIndicator(progress);
    List<String> order = new ArrayList<>(List.of("city"));
    order.addAll(scopes.keySet());
    Path target = publication.resolve("reports/county_table.csv");
    try (OutputStream out = Files.newOutputStream(target);
        ExcelCsv csv = new ExcelCsv(out, header)) {
      Table lead = Shapes.leadRows(progress);
      Table city =
          lead.where(lead.stringColumn("scope").isEqualTo("city")).sortAscendingOn("display_order");
      for (Row c : city) {
        String id = c.getString("indicator_id");
        List<Object> cells = new ArrayList<>();
        cells.add(id);
        cells.add(c.getString("name_zh"));
        cells.add(c.getString("name_en"));
        cells.add(c.getString("unit"));
        cells.add(c.isMissing("target") ? "" : Charts.format(c.getDouble("target")));
        Map<String, Shapes.ScopeCell> byScope = byIndicator.getOrDefault(id, Map.of());
        for (String scope : order) {
          Shapes.ScopeCell cell = byScope.get(scope);
          cells.add(cell == null || cell.value() == null ? "" : Charts.format(cell.value()));
          cells.add(cell == null ? "" : cell.status());
        }
        csv.row(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
    return target;
  }
}
