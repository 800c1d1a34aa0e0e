package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Lists the raw drop files a run may see: known sources, received on or before the as-of date. */
public final class DropScanner {
  private DropScanner() {}

  /**
   * Files under {@code <root>/raw}, sorted by source, received date and path. Works on any Hadoop
   * file system (local, hdfs://, s3a://).
   */
  public static List<SourceFile> scan(
      String dataRoot, LocalDate asOf, Set<String> sources, Configuration conf) {
    Path root = new Path(dataRoot);
    List<SourceFile> files = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      Path qualifiedRoot = fs.makeQualified(root);
      Path raw = new Path(qualifiedRoot, "raw");
      if (!fs.exists(raw)) {
        throw new IllegalArgumentException(dataRoot + ": no raw/ folder (see datasets.md)");
      }
      String prefix = qualifiedRoot.toUri().getPath();
      prefix = prefix.endsWith("/") ? prefix : prefix + "/";
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(raw, true);
      while (it.hasNext()) {
        FileStatus status = it.next();
        String path = status.getPath().toUri().getPath();
        String relative = path.substring(prefix.length());
        SourceFile file = SourceFile.fromRelative(relative, status.getPath().toString());
        if (file == null || !sources.contains(file.source())) {
          continue;
        }
        if (asOf == null || !file.received().isAfter(asOf)) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dataRoot + "/raw", e);
    }
    files.sort(
        Comparator.comparing(SourceFile::source)
            .thenComparing(SourceFile::received)
            .thenComparing(SourceFile::relativePath));
    return files;
  }
}
