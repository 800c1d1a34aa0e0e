package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Lists the raw drop files a run reads, {@code raw/<source>/received=<date>/<name>.csv} received on
 * or before the as-of date, and every other file under {@code raw/} with the reason it is not read.
 * The project decides what counts, not a library: names starting with {@code _} or {@code .} are
 * read like any other, and a symbolic link is followed only when it resolves inside the data root.
 */
public final class DropScanner {
  private DropScanner() {}

  /** A file under {@code raw/} that is not read, and why. */
  public record Skipped(String path, String reason) {
    /** One line for a terminal. */
    public String describe() {
      return Printable.of(path) + ": not read: " + reason;
    }
  }

  /** The files a run reads, sorted by source, received date and path, and those it does not. */
  public record Listing(List<SourceFile> files, List<Skipped> skipped) {}

  /**
   * Lists {@code <root>/raw}: on the local file system with java.nio (no process is forked), on any
   * other Hadoop file system (hdfs://, s3a://) through Hadoop.
   */
  public static Listing scan(
      String dataRoot, LocalDate asOf, Set<String> sources, Configuration conf) {
    java.net.URI uri = new org.apache.hadoop.fs.Path(dataRoot).toUri();
    Walk walk = new Walk(asOf, sources);
    if (uri.getScheme() == null || uri.getScheme().equals("file")) {
      walk.local(Path.of(uri.getPath()));
    } else {
      walk.hadoop(dataRoot, conf);
    }
    walk.files.sort(
        Comparator.comparing(SourceFile::source)
            .thenComparing(SourceFile::received)
            .thenComparing(SourceFile::relativePath));
    walk.skipped.sort(Comparator.comparing(Skipped::path));
    return new Listing(List.copyOf(walk.files), List.copyOf(walk.skipped));
  }

  /** One listing in progress. */
  private static final class Walk {
    private final LocalDate asOf;
    private final Set<String> sources;
    private final List<SourceFile> files = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();

    Walk(LocalDate asOf, Set<String> sources) {
      this.asOf = asOf;
      this.sources = sources;
    }

    void local(Path root) {
      Path realRoot;
      try {
        realRoot = root.toRealPath();
      } catch (IOException e) {
        throw new IllegalArgumentException(root + ": no such folder");
      }
      Path raw = root.resolve("raw");
      if (!Files.isDirectory(raw)) {
        throw new IllegalArgumentException(
            root + ": no raw/ folder (see datasets/contract/datasets.md)");
      }
      localDir(realRoot, raw, "raw", new HashSet<>());
    }

    private void localDir(Path realRoot, Path dir, String relative, Set<Path> ancestors) {
      Path real;
      try {
        real = dir.toRealPath();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + dir, e);
      }
      if (!real.startsWith(realRoot)) {
        skipped.add(new Skipped(relative, "a symbolic link that leads outside the data root"));
        return;
      }
      if (!ancestors.add(real)) {
        skipped.add(new Skipped(relative, "a symbolic link to a folder that contains it (a loop)"));
        return;
      }
      List<Path> entries;
      try (Stream<Path> list = Files.list(dir)) {
        entries = list.sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dir, e);
      }
      for (Path entry : entries) {
        String path = relative + "/" + entry.getFileName();
        BasicFileAttributes attributes;
        try {
          attributes =
              Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          skipped.add(new Skipped(path, "cannot be read (" + e.getMessage() + ")"));
          continue;
        }
        Path target = entry;
        if (attributes.isSymbolicLink()) {
          Path resolved;
          try {
            resolved = entry.toRealPath();
          } catch (IOException e) {
            skipped.add(new Skipped(path, "a symbolic link to nothing"));
            continue;
          }
          if (!resolved.startsWith(realRoot)) {
            skipped.add(new Skipped(path, "a symbolic link that leads outside the data root"));
            continue;
          }
          target = resolved;
          try {
            attributes = Files.readAttributes(resolved, BasicFileAttributes.class);
          } catch (IOException e) {
            skipped.add(new Skipped(path, "cannot be read (" + e.getMessage() + ")"));
            continue;
          }
        }
        if (attributes.isDirectory()) {
          localDir(realRoot, target, path, ancestors);
        } else if (attributes.isRegularFile()) {
          classify(path, target.toUri().toString());
        } else {
          skipped.add(new Skipped(path, "not a regular file"));
        }
      }
      ancestors.remove(real);
    }

    void hadoop(String dataRoot, Configuration conf) {
      try {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dataRoot);
        FileSystem fs = root.getFileSystem(conf);
        org.apache.hadoop.fs.Path raw =
            new org.apache.hadoop.fs.Path(fs.makeQualified(root), "raw");
        if (!fs.exists(raw)) {
          throw new IllegalArgumentException(
              dataRoot + ": no raw/ folder (see datasets/contract/datasets.md)");
        }
        hadoopDir(fs, raw, "raw");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dataRoot + "/raw", e);
      }
    }

    private void hadoopDir(FileSystem fs, org.apache.hadoop.fs.Path dir, String relative)
        throws IOException {
      FileStatus[] entries = fs.listStatus(dir);
      java.util.Arrays.sort(entries, Comparator.comparing(s -> s.getPath().getName()));
      for (FileStatus status : entries) {
        String path = relative + "/" + status.getPath().getName();
        if (status.isSymlink()) {
          skipped.add(new Skipped(path, "a symbolic link"));
        } else if (status.isDirectory()) {
          hadoopDir(fs, status.getPath(), path);
        } else {
          classify(path, status.getPath().toUri().toString());
        }
      }
    }

    /** Files at {@code raw/<source>/received=<date>/<name>.csv} are read; others say why not. */
    private void classify(String path, String uri) {
      String[] parts = path.split("/", -1);
      if (parts.length == 2) {
        skipped.add(new Skipped(path, "not in a source folder, raw/<source>/received=YYYY-MM-DD/"));
        return;
      }
      String source = parts[1];
      if (!sources.contains(source)) {
        skipped.add(new Skipped(path, unknownSource(source)));
        return;
      }
      if (parts.length == 3) {
        skipped.add(
            new Skipped(path, "not in a drop folder, raw/" + source + "/received=YYYY-MM-DD/"));
        return;
      }
      LocalDate received = received(parts[2]);
      if (received == null) {
        skipped.add(
            new Skipped(
                path,
                "drop folder "
                    + Printable.quoted(parts[2])
                    + " is not named received=YYYY-MM-DD with a valid date"));
        return;
      }
      if (parts.length > 4) {
        skipped.add(
            new Skipped(
                path,
                "in a subfolder of the drop "
                    + Printable.quoted(parts[3])
                    + "; a drop's files must sit directly in its folder"));
        return;
      }
      if (!parts[3].toLowerCase(Locale.ROOT).endsWith(".csv")) {
        skipped.add(new Skipped(path, "not a .csv file"));
        return;
      }
      if (asOf == null || !received.isAfter(asOf)) {
        files.add(new SourceFile(source, received, path, uri));
      }
    }

    private String unknownSource(String folder) {
      String normalized = folder.strip().toLowerCase(Locale.ROOT);
      String hint =
          sources.contains(normalized)
              ? "; did you mean " + normalized + "?"
              : " (sources: " + String.join(", ", sources) + ")";
      return "raw/" + Printable.quoted(folder) + " is not a source folder" + hint;
    }
  }

  /** The date of a {@code received=YYYY-MM-DD} folder name, or {@code null}. */
  static LocalDate received(String folder) {
    if (!folder.matches("received=\\d{4}-\\d{2}-\\d{2}")) {
      return null;
    }
    try {
      return LocalDate.parse(folder.substring("received=".length()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
