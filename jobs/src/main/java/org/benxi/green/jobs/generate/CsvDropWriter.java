package org.benxi.green.jobs.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.benxi.green.datasets.SourceSchema;

/** Writes one drop file of a source, streaming rows, with English or Chinese headers. */
final class CsvDropWriter implements AutoCloseable {
  /** How a drop file is written: header language, encoding, BOM and line ends. */
  record Style(boolean chineseHeaders, Charset charset, boolean bom, boolean crlf) {
    static final Style ENGLISH = new Style(false, StandardCharsets.UTF_8, false, false);
    static final Style EXCEL_UTF8 = new Style(true, StandardCharsets.UTF_8, true, true);
    static final Style EXCEL_GBK = new Style(true, Charset.forName("GB18030"), false, true);
  }

  private final CSVPrinter printer;
  private long rows;

  CsvDropWriter(Path root, SourceSchema schema, LocalDate received, String name, Style style) {
    Path file = root.resolve("raw").resolve(schema.name()).resolve("received=" + received);
    try {
      Files.createDirectories(file);
      BufferedWriter writer =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(file.resolve(name)), style.charset()),
              1 << 16);
      if (style.bom()) {
        writer.write('\uFEFF');
      }
      printer =
          new CSVPrinter(
              writer,
              CSVFormat.RFC4180.builder().setRecordSeparator(style.crlf() ? "\r\n" : "\n").get());
      printer.printRecord(
          schema.columns().stream()
              .map(c -> style.chineseHeaders() ? c.alias() : c.name())
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file.resolve(name), e);
    }
  }

  void row(List<?> cells) {
    try {
      printer.printRecord(cells.stream().map(c -> c == null ? "" : c.toString()).toList());
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long rows() {
    return rows;
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
