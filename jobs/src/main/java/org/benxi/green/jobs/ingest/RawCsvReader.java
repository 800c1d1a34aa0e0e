package org.benxi.green.jobs.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.benxi.green.datasets.SourceSchema;

/**
 * Reads one raw CSV file of a source: detects UTF-8 (with or without BOM) or GB18030, maps English
 * or Chinese headers to contract columns, and yields every non-blank row with its physical line.
 */
public final class RawCsvReader {
  /** GB18030 is a superset of GBK, which Excel on Chinese Windows writes. */
  public static final Charset GB18030 = Charset.forName("GB18030");

  private RawCsvReader() {}

  /** What the header told: the column positions, and names the contract does not know. */
  public record Header(int[] positionOfColumn, List<String> unknownColumns, int width) {}

  /** The encoding of a file: UTF-8 when the bytes decode strictly as UTF-8, else GB18030. */
  public static Charset detectEncoding(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      return GB18030;
    }
  }

  /**
   * Parses a whole file. {@code onHeader} receives the header (for unknown-column reporting) before
   * the rows come.
   */
  public static Iterator<RawRow> read(
      byte[] bytes, SourceSchema schema, Consumer<Header> onHeader) {
    Charset charset = detectEncoding(bytes);
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    CSVParser parser;
    try {
      parser =
          CSVParser.parse(new InputStreamReader(new ByteArrayInputStream(bytes), charset), format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Iterator<CSVRecord> records = parser.iterator();
    CSVRecord first = null;
    while (first == null && records.hasNext()) {
      CSVRecord candidate = records.next();
      if (!isBlank(candidate)) {
        first = candidate;
      }
    }
    if (first == null) {
      onHeader.accept(new Header(new int[schema.columns().size()], List.of(), 0));
      return List.<RawRow>of().iterator();
    }
    Header header = header(first, schema);
    onHeader.accept(header);
    return new Iterator<>() {
      private RawRow next = advance();

      private RawRow advance() {
        while (true) {
          long before = parser.getCurrentLineNumber();
          if (!records.hasNext()) {
            return null;
          }
          CSVRecord record = records.next();
          RawRow row = toRow((int) before + 1, record, header, schema);
          if (row != null) {
            return row;
          }
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public RawRow next() {
        RawRow current = next;
        next = advance();
        return current;
      }
    };
  }

  static Header header(CSVRecord record, SourceSchema schema) {
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      SourceSchema.Column column = schema.columns().get(i);
      byName.put(HeaderNames.normalize(column.name()), i);
      byName.put(HeaderNames.normalize(column.alias()), i);
    }
    int[] position = new int[schema.columns().size()];
    java.util.Arrays.fill(position, -1);
    Set<String> unknown = new LinkedHashSet<>();
    int width = 0;
    for (int i = 0; i < record.size(); i++) {
      String cell = record.get(i).trim();
      String normalized = HeaderNames.normalize(cell);
      if (normalized.isEmpty()) {
        continue;
      }
      width = i + 1;
      Integer column = byName.get(normalized);
      if (column == null || position[column] >= 0) {
        unknown.add(cell.replace("\uFEFF", ""));
      } else {
        position[column] = i;
      }
    }
    return new Header(position, new ArrayList<>(unknown), width);
  }

  private static boolean isBlank(CSVRecord record) {
    for (String value : record) {
      if (!value.trim().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static RawRow toRow(int line, CSVRecord record, Header header, SourceSchema schema) {
    if (isBlank(record)) {
      return null;
    }
    String[] cells = new String[schema.columns().size()];
    for (int c = 0; c < cells.length; c++) {
      int at = header.positionOfColumn()[c];
      if (at >= 0 && at < record.size()) {
        String value = record.get(at).trim();
        cells[c] = value.isEmpty() ? null : value;
      }
    }
    boolean extraValues = false;
    for (int i = header.width(); i < record.size(); i++) {
      extraValues |= !record.get(i).trim().isEmpty();
    }
    if (extraValues || record.size() < header.width()) {
      String found = "expected " + header.width() + " fields, found " + record.size();
      return new RawRow(line, cells, new RawRow.Reject("wrong_field_count", "", found));
    }
    for (int c = 0; c < cells.length; c++) {
      SourceSchema.Column column = schema.columns().get(c);
      if (column.required() && header.positionOfColumn()[c] < 0) {
        return new RawRow(line, cells, new RawRow.Reject("missing_column", column.name(), ""));
      }
    }
    return new RawRow(line, cells, null);
  }
}
