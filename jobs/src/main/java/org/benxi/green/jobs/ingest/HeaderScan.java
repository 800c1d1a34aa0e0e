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
  private static final int HEAD_BYTES = 64 * 1024;

  private HeaderScan() {}

  /** Unknown (ignored) header names per file, for files that have any. */
  public static Map<String, List<String>> unknownColumns(
      List<SourceFile> files, Map<String, SourceSchema> schemas, Configuration conf) {
    Map<String, List<String>> unknown = new LinkedHashMap<>();
    for (SourceFile file : files) {
      byte[] head = head(new Path(file.uri()), conf);
      List<RawCsvReader.Header> header = new ArrayList<>(1);
      RawCsvReader.read(head, schemas.get(file.source()), header::add);
      if (!header.isEmpty() && !header.get(0).unknownColumns().isEmpty()) {
        unknown.put(file.relativePath(), header.get(0).unknownColumns());
      }
    }
    return unknown;
  }

  /** The file's first bytes, cut after the last complete line. */
  private static byte[] head(Path path, Configuration conf) {
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      byte[] buffer = in.readNBytes(HEAD_BYTES);
      int end = buffer.length;
      if (end == HEAD_BYTES) {
        while (end > 0 && buffer[end - 1] != '\n') {
          end--;
        }
      }
      return java.util.Arrays.copyOf(buffer, end);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }
}
