package org.benxi.green.jobs;

import java.time.LocalDate;
import java.time.YearMonth;
import org.benxi.green.jobs.publish.WarehouseRoot;
import org.benxi.green.jobs.publish.Warehouses;
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
   * must be a POSIX folder that {@link WarehouseRoot#check} accepts, or on HDFS or S3), a missing
   * period, an as-of date before the period starts, and a rejection limit outside [0, 1].
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
    java.nio.file.Path local = Warehouses.localPath(dataRoot);
    if (local != null && !java.nio.file.Files.isDirectory(local)) {
      throw new InvalidArgument("--data " + dataRoot + ": no such folder");
    }
    java.nio.file.Path readable = Warehouses.checked(warehouse);
    if (!Warehouses.isRemote(warehouse)) {
      WarehouseRoot.check(readable, local);
    }
  }

  /** The data root as a local path, or {@code null} when it is on another file system. */
  public java.nio.file.Path localDataRoot() {
    return Warehouses.localPath(dataRoot);
  }

  /** The warehouse folder, or the local copy of a warehouse on HDFS or S3 ({@link Warehouses}). */
  public java.nio.file.Path warehousePath() {
    return Warehouses.checked(warehouse);
  }

  /** True when the warehouse is on a Hadoop file system, published through pointers. */
  public boolean remoteWarehouse() {
    return Warehouses.isRemote(warehouse);
  }

  /**
   * Where Spark reads and writes what {@code local}, a folder of {@link #warehousePath}, holds:
   * that folder for a local warehouse; the same place in the warehouse itself for one on HDFS or
   * S3, which every executor reaches (the driver's local copy is on its own host).
   */
  public org.apache.hadoop.fs.Path sparkPath(java.nio.file.Path local) {
    java.nio.file.Path absolute = local.toAbsolutePath().normalize();
    if (!remoteWarehouse()) {
      return new org.apache.hadoop.fs.Path("file", null, absolute.toString());
    }
    java.nio.file.Path relative = warehousePath().relativize(absolute);
    if (relative.startsWith("..")) {
      throw new IllegalArgumentException(local + " is not inside " + warehousePath());
    }
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(warehouse);
    return relative.toString().isEmpty()
        ? root
        : new org.apache.hadoop.fs.Path(root, relative.toString());
  }
}
