package org.benxi.green.jobs;

import java.time.LocalDate;
import java.time.YearMonth;
import org.benxi.green.jobs.publish.WarehouseRoot;
import org.benxi.green.jobs.spark.SparkSettings;

/** What one monthly run computes and where: validated when built. */
public record RunConfig(
    String dataRoot,
    String warehouse,
    YearMonth period,
    LocalDate asOf,
    SparkSettings spark,
    double maxRejectRate) {

  /** The rejection limit per source unless configured: 5% of the rows read. */
  public static final double DEFAULT_MAX_REJECT_RATE = 0.05;

  /**
   * Rejects, as {@link InvalidArgument}, missing roots (a local data root must exist, the warehouse
   * must be a POSIX folder that {@link WarehouseRoot#check} accepts), a missing period, an as-of
   * date before the period starts, and a rejection limit outside [0, 1].
   */
  public RunConfig {
    if (dataRoot == null || dataRoot.isBlank()) {
      throw new InvalidArgument("--data is required");
    }
    if (warehouse == null || warehouse.isBlank()) {
      throw new InvalidArgument("--warehouse is required");
    }
    if (period == null) {
      throw new InvalidArgument("--period is required");
    }
    if (asOf != null && asOf.isBefore(period.atDay(1))) {
      throw new InvalidArgument("--as-of " + asOf + " is before period " + period + " begins");
    }
    if (spark == null) {
      throw new InvalidArgument("Spark settings are required");
    }
    if (!(maxRejectRate >= 0 && maxRejectRate <= 1)) {
      throw new InvalidArgument(
          "--max-reject-rate must be a fraction between 0 and 1, got " + maxRejectRate);
    }
    if (localPath(warehouse) == null) {
      throw new InvalidArgument(
          "--warehouse "
              + warehouse
              + ": must be a folder on a local or shared POSIX file system (publishing switches"
              + " symbolic links), visible at the same path to every Spark executor");
    }
    java.nio.file.Path local = localPath(dataRoot);
    if (local != null && !java.nio.file.Files.isDirectory(local)) {
      throw new InvalidArgument("--data " + dataRoot + ": no such folder");
    }
    WarehouseRoot.check(localPath(warehouse), local);
  }

  /** The data root as a local path, or {@code null} when it is on another file system. */
  public java.nio.file.Path localDataRoot() {
    return localPath(dataRoot);
  }

  /** The warehouse folder (always local or mounted, see the constructor). */
  public java.nio.file.Path warehousePath() {
    return localPath(warehouse).toAbsolutePath();
  }

  // Static: the compact constructor runs before the record's fields are assigned.
  private static java.nio.file.Path localPath(String root) {
    java.net.URI uri = new org.apache.hadoop.fs.Path(root).toUri();
    boolean local = uri.getScheme() == null || uri.getScheme().equals("file");
    return local ? java.nio.file.Path.of(uri.getPath()) : null;
  }
}
