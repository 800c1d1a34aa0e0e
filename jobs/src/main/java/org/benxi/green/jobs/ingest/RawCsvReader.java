package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.benxi.green.datasets.SourceSchema;

/**
 * Reads one raw CSV file of a source: decodes it strictly ({@link RawText}), maps English or
 * Chinese headers to contract columns, and yields one {@link RawRow} per non-blank data record with
 * its physical start line. Nothing is skipped in silence: a record that cannot be parsed, decoded
 * or mapped comes back as a structural reject, and a file that is not text comes back as one reject
 * at line 1.
 */
public final class RawCsvReader {
  /** Longest cell accepted; longer ones are rejected, not stored. */
  public static final int MAX_CELL = 1000;

  /** How much of an offending value a reject keeps. */
  public static final int MAX_REJECT_VALUE = 200;

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

  private RawCsvReader() {}

  /**
   * What the header told: the column positions, names the contract does not know, its width, and
   * the problem that makes every data row unusable (a duplicated column, an undecodable header).
   */
  public record Header(
      int[] positionOfColumn, List<String> unknownColumns, int width, RawRow.Reject problem) {}

  /** One file as read: its encoding, its header ({@code null} without one) and its rows. */
  public record Reading(String encoding, Header header, Iterator<RawRow> rows) {}

  /** Parses a whole file. */
  public static Reading read(byte[] bytes, SourceSchema schema) {
    RawText text = RawText.decode(bytes);
    if (text.refused()) {
      RawRow refused =
          new RawRow(
              1,
              new String[schema.columns().size()],
              reject(text.refusal().reason(), "", text.refusal().detail()));
      return new Reading("", null, List.of(refused).iterator());
    }
    Records records = new Records(text);
    Records.Rec first = records.next();
    while (first != null && first.record() != null && isBlank(first.record())) {
      first = records.next();
    }
    if (first == null) {
      return new Reading(text.encoding(), null, List.<RawRow>of().iterator());
    }
    if (first.record() == null) {
      // A header that cannot be parsed: the file is rejected at the header line.
      RawRow row = new RawRow(first.start(), new String[schema.columns().size()], first.error());
      return new Reading(text.encoding(), null, List.of(row).iterator());
    }
    Header header = header(first.record(), schema, badLine(text, first));
    return new Reading(text.encoding(), header, new Rows(records, text, header, schema));
  }

  /**
   * Why a file that yields no row has none, for a one-line notice: empty, blank lines only, or a
   * header and nothing under it.
   */
  public static String noRows(byte[] bytes, Reading reading) {
    if (bytes.length == 0) {
      return "an empty file (0 bytes)";
    }
    return reading.header() == null ? "no header, only blank lines" : "a header and no data rows";
  }

  static Header header(CSVRecord record, SourceSchema schema, String badLine) {
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      SourceSchema.Column column = schema.columns().get(i);
      byName.put(HeaderNames.normalize(column.name()), i);
      byName.put(HeaderNames.normalize(column.alias()), i);
    }
    int[] position = new int[schema.columns().size()];
    java.util.Arrays.fill(position, -1);
    Set<String> unknown = new LinkedHashSet<>();
    RawRow.Reject problem =
        badLine == null ? null : reject("bad_encoding", "", "header line: " + badLine);
    int width = 0;
    for (int i = 0; i < record.size(); i++) {
      String cell = record.get(i).trim();
      String normalized = HeaderNames.normalize(cell);
      if (normalized.isEmpty()) {
        continue;
      }
      width = i + 1;
      Integer column = byName.get(normalized);
      if (column == null) {
        unknown.add(cell.replace("\uFEFF", ""));
      } else if (position[column] >= 0) {
        if (problem == null) {
          String name = schema.columns().get(column).name();
          problem =
              reject(
                  "duplicate_column",
                  name,
                  "header fields "
                      + (position[column] + 1)
                      + " and "
                      + (i + 1)
                      + " are both "
                      + name);
        }
      } else {
        position[column] = i;
      }
    }
    return new Header(position, new ArrayList<>(unknown), width, problem);
  }

  private static boolean isBlank(CSVRecord record) {
    for (String value : record) {
      if (!value.trim().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The first bad line a record spans, as shown to a clerk, or {@code null}. */
  private static String badLine(RawText text, Records.Rec rec) {
    if (text.badLines().isEmpty()) {
      return null;
    }
    for (int line = rec.start(); line <= rec.end(); line++) {
      String bad = text.badLines().get(line);
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  private static RawRow toRow(Records.Rec rec, RawText text, Header header, SourceSchema schema) {
    String[] cells = new String[schema.columns().size()];
    if (rec.record() == null) {
      return new RawRow(rec.start(), cells, rec.error());
    }
    CSVRecord record = rec.record();
    if (isBlank(record)) {
      return null;
    }
    for (int c = 0; c < cells.length; c++) {
      int at = header.positionOfColumn()[c];
      if (at >= 0 && at < record.size()) {
        String value = record.get(at).trim();
        cells[c] = value.isEmpty() ? null : value;
      }
    }
    String bad = badLine(text, rec);
    if (bad != null) {
      String column = "";
      for (int c = 0; c < cells.length && column.isEmpty(); c++) {
        if (cells[c] != null && cells[c].indexOf('\uFFFD') >= 0) {
          column = schema.columns().get(c).name();
        }
      }
      return new RawRow(rec.start(), cells, reject("bad_encoding", column, bad));
    }
    if (header.problem() != null) {
      return new RawRow(rec.start(), cells, header.problem());
    }
    boolean extraValues = false;
    for (int i = header.width(); i < record.size(); i++) {
      extraValues |= !record.get(i).trim().isEmpty();
    }
    if (extraValues || record.size() < header.width()) {
      String found = "expected " + header.width() + " fields, found " + record.size();
      return new RawRow(rec.start(), cells, reject("wrong_field_count", "", found));
    }
    for (int c = 0; c < cells.length; c++) {
      SourceSchema.Column column = schema.columns().get(c);
      if (column.required() && header.positionOfColumn()[c] < 0) {
        return new RawRow(rec.start(), cells, reject("missing_column", column.name(), ""));
      }
      if (cells[c] != null && cells[c].length() > MAX_CELL) {
        return new RawRow(rec.start(), cells, reject("value_too_long", column.name(), cells[c]));
      }
    }
    return new RawRow(rec.start(), cells, null);
  }

  /** A reject whose value is cut to {@link #MAX_REJECT_VALUE} characters. */
  public static RawRow.Reject reject(String reason, String column, String value) {
    return new RawRow.Reject(reason, column, cut(value));
  }

  /** A value cut to {@link #MAX_REJECT_VALUE} characters, saying how long it was. */
  public static String cut(String value) {
    if (value == null || value.length() <= MAX_REJECT_VALUE) {
      return value == null ? "" : value;
    }
    return value.substring(0, MAX_REJECT_VALUE) + "… (" + value.length() + " characters)";
  }

  /** The data rows after the header. */
  private static final class Rows implements Iterator<RawRow> {
    private final Records records;
    private final RawText text;
    private final Header header;
    private final SourceSchema schema;
    private RawRow next;

    Rows(Records records, RawText text, Header header, SourceSchema schema) {
      this.records = records;
      this.text = text;
      this.header = header;
      this.schema = schema;
      this.next = advance();
    }

    private RawRow advance() {
      for (Records.Rec rec = records.next(); rec != null; rec = records.next()) {
        RawRow row = toRow(rec, text, header, schema);
        if (row != null) {
          return row;
        }
      }
      return null;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public RawRow next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      RawRow current = next;
      next = advance();
      return current;
    }
  }

  /**
   * RFC 4180 records with their first and last physical line. A record the parser cannot finish (a
   * quote never closed, text after a closing quote) comes back as an error at its first line, and
   * parsing resumes on the line after it.
   */
  private static final class Records {
    record Rec(int start, int end, CSVRecord record, RawRow.Reject error) {}

    private final RawText text;
    private final int[] lineStarts;
    private int lineOffset;
    private CSVParser parser;
    private Iterator<CSVRecord> iterator;

    Records(RawText text) {
      this.text = text;
      this.lineStarts = lineStarts(text.utf8(), text.start());
      open(0);
    }

    private void open(int line) {
      lineOffset = line;
      try {
        parser = CSVParser.parse(text.reader(lineStarts[line]), FORMAT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      iterator = parser.iterator();
    }

    Rec next() {
      if (iterator == null) {
        return null;
      }
      int start = lineOffset + (int) parser.getCurrentLineNumber() + 1;
      try {
        if (!iterator.hasNext()) {
          iterator = null;
          return null;
        }
        CSVRecord record = iterator.next();
        int end = Math.max(start, lineOffset + (int) parser.getCurrentLineNumber());
        return new Rec(start, end, record, null);
      } catch (UncheckedIOException | IllegalStateException e) {
        String message = String.valueOf(e.getMessage());
        String reason =
            message.contains("EOF reached before encapsulated token finished")
                ? "unterminated_quote"
                : "bad_quoting";
        String line = lineText(start);
        if (start < lineStarts.length) {
          open(start);
        } else {
          iterator = null;
        }
        return new Rec(start, start, null, reject(reason, "", line));
      }
    }

    /** The text of physical line {@code line} (1-based), without its line break. */
    private String lineText(int line) {
      byte[] bytes = text.utf8();
      int from = lineStarts[line - 1];
      int to = line < lineStarts.length ? lineStarts[line] : bytes.length;
      while (to > from && (bytes[to - 1] == '\n' || bytes[to - 1] == '\r')) {
        to--;
      }
      return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /**
     * Byte offsets where each physical line starts, the first at {@code start}; breaks are CRLF, LF
     * or a lone CR (single bytes in UTF-8, never inside a character).
     */
    private static int[] lineStarts(byte[] bytes, int start) {
      int[] starts = new int[64];
      starts[0] = start;
      int n = 1;
      for (int i = start; i < bytes.length; i++) {
        byte c = bytes[i];
        boolean lineBreak =
            c == '\n' || (c == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'));
        if (lineBreak && i + 1 < bytes.length) {
          if (n == starts.length) {
            starts = java.util.Arrays.copyOf(starts, n * 2);
          }
          starts[n++] = i + 1;
        }
      }
      return java.util.Arrays.copyOf(starts, n);
    }
  }
}
