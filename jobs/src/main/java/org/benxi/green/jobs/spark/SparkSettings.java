package org.benxi.green.jobs.spark;

import org.apache.spark.sql.SparkSession;

/** How to start Spark: the master URL and the shuffle width; validated on construction. */
public record SparkSettings(String master, int shufflePartitions) {
  /** Local mode on this machine's cores, with a shuffle width sized for city data. */
  public static final SparkSettings LOCAL = new SparkSettings("local[*]", 2);

  /** Rejects an empty master or a non-positive shuffle width. */
  public SparkSettings {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("Spark master must not be empty");
    }
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("shufflePartitions must be >= 1: " + shufflePartitions);
    }
  }

  /**
   * Starts (or returns the running) session with the project's fixed configuration. Adaptive
   * execution is off: at city size its extra stage jobs cost more than they save. The driver lists
   * the drop store's folders itself (they are on the warehouse's POSIX file system) rather than
   * start a Spark job per read for it.
   */
  public SparkSession start(String appName) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", shufflePartitions)
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.sql.sources.parallelPartitionDiscovery.threshold", 100_000)
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.parquet.compression.codec", "zstd")
            .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
            .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
            .config("spark.hadoop.parquet.enable.summary-metadata", "false");
    if (master.startsWith("local")) {
      builder =
          builder
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1");
    }
    return builder.getOrCreate();
  }
}
