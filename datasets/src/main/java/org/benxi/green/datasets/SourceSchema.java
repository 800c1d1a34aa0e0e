package org.benxi.green.datasets;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One raw source of datasets/contract/datasets.md: its columns in contract order and its natural
 * key.
 */
public record SourceSchema(String name, List<Column> columns) implements Serializable {

  /** The value types a raw column can have. */
  public enum Type {
    TEXT,
    DECIMAL,
    INTEGER,
    DATE,
    PERIOD,
    QUARTER,
    FLAG
  }

  /** One column: canonical name, Chinese alias, type, whether required, rule and key membership. */
  public record Column(
      String name, String alias, Type type, boolean required, String rule, boolean key)
      implements Serializable {}

  /** The sources in the order datasets/contract/datasets.md lists them. */
  public static Map<String, SourceSchema> shipped() {
    CsvTable table = CsvTable.resource("green/schemas/sources.csv");
    Map<String, List<Column>> bySource = new LinkedHashMap<>();
    for (Map<String, String> row : table.rows()) {
      bySource
          .computeIfAbsent(table.get(row, "source"), s -> new ArrayList<>())
          .add(
              new Column(
                  table.get(row, "column"),
                  table.get(row, "alias"),
                  Type.valueOf(table.get(row, "type").toUpperCase(java.util.Locale.ROOT)),
                  "Y".equals(table.get(row, "required")),
                  table.get(row, "rule"),
                  "Y".equals(table.get(row, "key"))));
    }
    Map<String, SourceSchema> schemas = new LinkedHashMap<>();
    bySource.forEach((name, cols) -> schemas.put(name, new SourceSchema(name, List.copyOf(cols))));
    return schemas;
  }

  /** Position of a column in contract order. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Source " + name + " has no column " + column);
  }

  /** True when rows carry a {@code period} (YYYY-MM) column: a monthly source. */
  public boolean monthly() {
    return columns.stream().anyMatch(c -> c.name().equals("period"));
  }

  /** The natural-key columns. */
  public List<String> keyColumns() {
    return columns.stream().filter(Column::key).map(Column::name).toList();
  }
}
