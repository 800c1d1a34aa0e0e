package org.benxi.green.jobs.spark;

import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.InvalidArgument;

/**
 * How to start Spark: the master URL and the shuffle width ({@link #BY_INPUT_SIZE}, or a fixed
 * width); validated on construction.
 */
public record SparkSettings(String master, int shufflePartitions) {
  /** Master URLs Spark 4 accepts: local modes, standalone, YARN and Kubernetes. */
  private static final Pattern MASTER =
      Pattern.compile(
          "local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?|local-cluster\\[\\d+,\\d+,\\d+]"
              + "|spark://[^\\s/]+(:\\d+)?(,[^\\s/]+(:\\d+)?)*|yarn|k8s://\\S+");

  /** A shuffle width that {@link #tuneFor} sets from the run's input rows. */
  public static final int BY_INPUT_SIZE = 0;

  /** Local mode on this machine's cores, with the shuffle width set by input size. */
  public static final SparkSettings LOCAL = new SparkSettings("local[*]", BY_INPUT_SIZE);

  /** Rejects, naming the option, a master URL Spark cannot use or a negative shuffle width. */
  public SparkSettings {
    if (master == null || !MASTER.matcher(master).matches()) {
      throw new InvalidArgument(
          "--master "
              + master
              + ": not a Spark master URL; use local[*], local[N], spark://host:7077, yarn or"
              + " k8s://https://host:port");
    }
    if (shufflePartitions < BY_INPUT_SIZE) {
      throw new InvalidArgument("--shuffle-partitions must be 1 or more, got " + shufflePartitions);
    }
  }

  /**
   * Starts (or returns the running) session with the project's fixed configuration. Adaptive
   * execution is off: at city size its extra stage jobs cost more than they save. So are broadcast
   * joins until {@link #tuneFor} sees a large run, each being a Spark job of its own: small
   * reference tables are literal lookups ({@code marts.Lookups}), and the joins left are between
   * staged sources. The driver lists the drop store's folders itself (they are on the warehouse's
   * POSIX file system) rather than start a Spark job per read for it. Spark's temporary folders go
   * under {@link SparkTempFolders#root} unless {@code spark.local.dir} is given; stop the session
   * with {@link SparkTempFolders#stop}.
   */
  public SparkSession start(String appName) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config(
                "spark.sql.shuffle.partitions",
                shufflePartitions == BY_INPUT_SIZE ? 2 : shufflePartitions)
            .config("spark.sql.adaptive.enabled", "false")
            // A broadcast's build side can be a staged source computed on first use, which takes
            // minutes at national size; Spark's 300 s default failed a 1M-enterprise run.
            .config("spark.sql.broadcastTimeout", "3600s")
            .config("spark.sql.sources.parallelPartitionDiscovery.threshold", 100_000)
            // The project adds no artifacts to its session. Isolated, every class an executor's
            // code compiler fails to find in a task (Janino tries each imported package) is asked
            // of the driver over RPC: 15% of the executors' samples in a full city rebuild.
            .config("spark.sql.artifact.isolation.enabled", "false")
            // Spark clones the session for every cache() while either is on, to turn them off in
            // the cached plan; neither applies here (no bucketed tables, adaptive execution off).
            // Each clone's artifact manager, once collected, forks an rm -rf.
            .config("spark.sql.sources.bucketing.autoBucketedScan.enabled", "false")
            .config("spark.sql.adaptive.applyFinalStageShuffleOptimizations", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.parquet.compression.codec", "zstd")
            .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
            .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
            .config("spark.hadoop.parquet.enable.summary-metadata", "false")
            .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
    if (System.getProperty("spark.sql.autoBroadcastJoinThreshold") == null) {
      builder = builder.config("spark.sql.autoBroadcastJoinThreshold", "-1");
    }
    if (System.getProperty("spark.local.dir") == null) {
      builder = builder.config("spark.local.dir", SparkTempFolders.root());
    }
    if (master.startsWith("local")) {
      builder =
          builder
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              // In-process executors cannot be lost, but a heartbeat race in Spark's cache
              // accumulator (SPARK-59451) can stop the heartbeat thread, and the driver would
              // then declare its own executor lost after spark.network.timeout. Rare heartbeats
              // and a long timeout keep a local run alive through it.
              .config("spark.executor.heartbeatInterval", "60s")
              .config("spark.network.timeout", "3600s");
    }
    return builder.getOrCreate();
  }

  /**
   * From this many input rows, joins to small sources are broadcast (Spark's 10 MB default): at
   * 100,000 enterprises (2.1 million rows) a full rebuild took 3 min 56 s with broadcasts and 4 min
   * 52 s without. Below it, each broadcast would be a Spark job of its own for tables of a few
   * thousand rows.
   */
  public static final long BROADCAST_FROM_ROWS = 1_000_000;

  /**
   * Below this many input rows, a shuffle set {@link #BY_INPUT_SIZE} has one partition: a carried
   * city month's 261 tasks then drop to 158, and the run takes about 1 s (5%) less wall and 1.5 s
   * less CPU than with 2 (alternating runs, 2026-12-01); from it, one per core, at least 2.
   */
  public static final long ONE_SHUFFLE_PARTITION_BELOW_ROWS = 1_000_000;

  /**
   * From this many rows staged by a run, its plans are compiled rather than interpreted. Below it,
   * compiling each plan's Java code costs more than it saves: a carried city month (13,611 staged
   * rows) takes about 5 s (20 to 25%) longer compiled; a full city rebuild (181,121) about 2 s (5%)
   * less (alternating runs, 2026-12-01).
   */
  public static final long COMPILED_FROM_STAGED_ROWS = 100_000;

  /**
   * Sets the shuffle width when it is {@link #BY_INPUT_SIZE} ({@link
   * #ONE_SHUFFLE_PARTITION_BELOW_ROWS}) and broadcast joins ({@link #BROADCAST_FROM_ROWS}) for a
   * run over {@code rows} input rows.
   */
  public void tuneFor(SparkSession spark, long rows) {
    if (shufflePartitions == BY_INPUT_SIZE) {
      int width =
          rows < ONE_SHUFFLE_PARTITION_BELOW_ROWS
              ? 1
              : Math.max(2, spark.sparkContext().defaultParallelism());
      spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(width));
    }
    if (System.getProperty("spark.sql.autoBroadcastJoinThreshold") == null) {
      spark
          .conf()
          .set(
              "spark.sql.autoBroadcastJoinThreshold",
              rows >= BROADCAST_FROM_ROWS ? "10485760" : "-1");
    }
  }

  /**
   * Turns code generation on or off for a run that stages {@code stagedRows} rows: every drop's in
   * a full rebuild, those of the drops holding the months it recomputes in a carried month ({@link
   * #COMPILED_FROM_STAGED_ROWS}). A {@code spark.sql.codegen.*} system property given on the
   * command line wins.
   */
  public void compileFor(SparkSession spark, long stagedRows) {
    boolean compile = stagedRows >= COMPILED_FROM_STAGED_ROWS;
    if (System.getProperty("spark.sql.codegen.wholeStage") == null) {
      spark.conf().set("spark.sql.codegen.wholeStage", String.valueOf(compile));
    }
    if (System.getProperty("spark.sql.codegen.factoryMode") == null) {
      spark.conf().set("spark.sql.codegen.factoryMode", compile ? "FALLBACK" : "NO_CODEGEN");
    }
  }
}
