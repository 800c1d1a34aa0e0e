package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.benxi.green.datasets.SourceSchema;

/** Reads only the header of each drop file, to report unknown columns once per file. */
public final class HeaderScan {
  /** How much of a file's start holds its header. */
  static final int HEAD_BYTES = 64 * 1024;

  private HeaderScan() {}

  /** Unknown (ignored) header names per file, for files that have any. */
  public static Map<String, List<String>> unknownColumns(
      List<SourceFile> files, Map<String, SourceSchema> schemas, Configuration conf) {
    Map<String, List<String>> unknown = new LinkedHashMap<>();
    for (SourceFile file : files) {
      byte[] head = head(new Path(file.uri()), conf);
      List<String> names =
          unknownColumns(head, head.length == HEAD_BYTES, schemas.get(file.source()));
      if (!names.isEmpty()) {
        unknown.put(file.relativePath(), names);
      }
    }
    return unknown;
  }

  /**
   * Unknown header names in a file's first bytes; {@code truncated} when the file goes on, so that
   * the last, partial line is cut off.
   */
  static List<String> unknownColumns(byte[] head, boolean truncated, SourceSchema schema) {
    int end = Math.min(head.length, HEAD_BYTES);
    if (truncated) {
      while (end > 0 && head[end - 1] != '\n') {
        end--;
      }
    }
    List<RawCsvReader.Header> header = new ArrayList<>(1);
    RawCsvReader.read(java.util.Arrays.copyOf(head, end), schema, header::add);
    return header.isEmpty() ? List.of() : header.get(0).unknownColumns();
  }

  private static byte[] head(Path path, Configuration conf) {
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }
}
