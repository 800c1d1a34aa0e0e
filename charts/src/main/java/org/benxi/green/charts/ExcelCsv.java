package org.benxi.green.charts;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV that Excel opens cleanly: UTF-8 with a BOM, CRLF-free RFC 4180 quoting, and any text
 * cell, header cells included, that starts with {@code = + - @}, tab or CR prefixed with an
 * apostrophe so that it is never run as a formula. Plain numbers (such as {@code -3.5}) are written
 * as they are.
 */
public final class ExcelCsv implements AutoCloseable {
  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private final CSVPrinter printer;

  /** Starts a file with the BOM and the header row. */
  public ExcelCsv(OutputStream out, List<String> header) {
    try {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      writer.write('\uFEFF');
      printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
      printer.printRecord(header.stream().map(ExcelCsv::safe).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one row; {@code null} cells are empty. */
  public void row(List<?> cells) {
    try {
      printer.printRecord(cells.stream().map(ExcelCsv::safe).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cell as written: formula-like text neutralised, numbers untouched. */
  public static String safe(Object cell) {
    if (cell == null) {
      return "";
    }
    String text = cell.toString();
    if (text.isEmpty() || NUMBER.matcher(text).matches()) {
      return text;
    }
    char first = text.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      return "'" + text;
    }
    return text;
  }

  @Override
  public void close() {
    try {
      printer.close(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
