package org.benxi.green.jobs.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.benxi.green.jobs.InvalidArgument;

/**
 * Where a warehouse may live: a new or empty folder, or one that already is a warehouse. Never the
 * file-system root, a home folder itself, a regular file, or a folder that holds other things; a
 * run that published there would scatter current/, marts/ and runs/ among them.
 */
public final class WarehouseRoot {
  /** The file that marks a folder as a warehouse. */
  public static final String MARKER = ".green-warehouse";

  /** What earlier versions left in every warehouse, before the marker. */
  private static final List<String> EARLIER_MARKS = List.of("publications", "current");

  private WarehouseRoot() {}

  /**
   * Checks that {@code warehouse} may hold publications, without creating anything; {@code
   * dataRoot}, when local, must not contain it under {@code raw/}.
   */
  public static void check(Path warehouse, Path dataRoot) {
    Path absolute = warehouse.toAbsolutePath().normalize();
    String named = "--warehouse " + warehouse;
    if (Files.isRegularFile(absolute)) {
      throw new InvalidArgument(
          named + " is a regular file, not a folder; give a new or empty folder for publications");
    }
    if (absolute.toString().contains(":")) {
      throw new InvalidArgument(
          named + ": a ':' in the path; Hadoop, which writes the Parquet files, cannot use it");
    }
    Path real = realOrSelf(absolute);
    if (real.getParent() == null) {
      throw new InvalidArgument(
          named + " is the root of the file system; give a folder of its own");
    }
    Path home = realOrSelf(Path.of(System.getProperty("user.home")).toAbsolutePath());
    if (real.equals(home)) {
      throw new InvalidArgument(
          named
              + " is your home folder itself; give a folder of its own, such as ~/green-warehouse");
    }
    if (dataRoot != null && real.startsWith(realOrSelf(dataRoot.toAbsolutePath()).resolve("raw"))) {
      throw new InvalidArgument(
          named
              + " is inside the data root's raw/ folder, where its files would be taken as drops");
    }
    if (Files.isDirectory(absolute) && !isWarehouse(absolute)) {
      List<String> found = entries(absolute);
      if (!found.isEmpty()) {
        throw new InvalidArgument(
            named
                + " is neither empty nor a warehouse (it holds "
                + describe(found)
                + "); give a new or empty folder, or an existing warehouse");
      }
    }
  }

  /** Creates the folder when missing and marks it as a warehouse. */
  public static void mark(Path warehouse) {
    try {
      Files.createDirectories(warehouse);
      Path marker = warehouse.resolve(MARKER);
      if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
        Files.writeString(marker, "A warehouse of the Benxi green low-carbon indicators.\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the warehouse " + warehouse, e);
    }
  }

  /** True when the folder is marked, or was made by an earlier version. */
  public static boolean isWarehouse(Path folder) {
    if (Files.isRegularFile(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    return EARLIER_MARKS.stream().allMatch(m -> Files.isDirectory(folder.resolve(m)));
  }

  private static List<String> entries(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(
              p -> p.getFileName() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }

  private static String describe(List<String> found) {
    List<String> shown =
        found.stream().limit(5).map(org.benxi.green.jobs.ingest.Printable::of).toList();
    String more = found.size() > shown.size() ? ", …" : "";
    return found.size()
        + (found.size() == 1 ? " entry: " : " entries: ")
        + String.join(", ", shown)
        + more;
  }

  private static Path realOrSelf(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }
}
