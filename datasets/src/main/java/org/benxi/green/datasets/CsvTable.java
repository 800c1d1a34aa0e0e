package org.benxi.green.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A small, fully read CSV file of the project's own (reference, catalog, schema): one map per row.
 */
public record CsvTable(
    String origin, List<String> header, List<Map<String, String>> rows, List<Long> lines)
    implements Serializable {

  /** Reads a resource shipped in this module, such as {@code green/reference/counties.csv}. */
  public static CsvTable resource(String name) {
    InputStream in = CsvTable.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Missing bundled data file: " + name);
    }
    return parse("classpath:" + name, new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Reads a file from disk. */
  public static CsvTable file(Path path) {
    try {
      return parse(path.toString(), Files.newBufferedReader(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  private static CsvTable parse(String origin, Reader reader) {
    CSVFormat format =
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (reader;
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> header = new ArrayList<>(parser.getHeaderNames());
      if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
        header.set(0, header.get(0).substring(1));
      }
      List<Map<String, String>> rows = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      for (CSVRecord record : parser) {
        lines.add(parser.getCurrentLineNumber());
        if (record.size() != header.size()) {
          throw new IllegalStateException(
              origin
                  + ":"
                  + parser.getCurrentLineNumber()
                  + ": expected "
                  + header.size()
                  + " fields, found "
                  + record.size());
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), record.get(i));
        }
        rows.add(row);
      }
      return new CsvTable(origin, List.copyOf(header), List.copyOf(rows), List.copyOf(lines));
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(
          origin + ": not a readable CSV file (" + e.getMessage() + ")");
    }
  }

  /**
   * Each row made into a value by {@code parse}; a row it cannot make fails with this file's name,
   * the row's line and the reason.
   */
  public <T> List<T> map(java.util.function.Function<Map<String, String>, T> parse) {
    List<T> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      try {
        out.add(parse.apply(rows.get(i)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            origin
                + ":"
                + lines.get(i)
                + ": "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage());
      }
    }
    return out;
  }

  /** The value of {@code column} in {@code row}, failing with the file name when it is absent. */
  public String get(Map<String, String> row, String column) {
    String value = row.get(column);
    if (value == null) {
      throw new IllegalStateException(origin + ": no column '" + column + "'");
    }
    return value;
  }
}
