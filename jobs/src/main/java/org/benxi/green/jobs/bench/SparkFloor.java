package org.benxi.green.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.spark.JobCounter;
import org.benxi.green.jobs.spark.SparkSettings;
import org.benxi.green.jobs.spark.SparkTempFolders;

/**
 * The floor under any monthly run on this machine: what a fresh JVM takes to start the run's Spark
 * session and then run trivial jobs (read 100,000 rows of Parquet, sum them by key, write the 100
 * sums), with the run's settings. Whatever a run computes, it cannot start its jobs for less.
 */
public final class SparkFloor {
  private static final int ROWS = 100_000;

  /**
   * What the floor measured: seconds from JVM start to a ready session, the first job (which loads
   * Spark's reading, planning and writing code), and the later jobs together.
   */
  public record Result(
      double jvmAndSession, double firstJob, int laterJobs, double laterJobsSeconds, int jobs) {

    /** Everything from JVM start to the last job's end. */
    public double total() {
      return jvmAndSession + firstJob + laterJobsSeconds;
    }

    /** The figures, one per line. */
    public String describe() {
      String later =
          String.format(
              Locale.ROOT,
              "%d more jobs, %.2f s each (read, sum, write)",
              laterJobs,
              laterJobs == 0 ? 0 : laterJobsSeconds / laterJobs);
      return String.format(
          Locale.ROOT,
          "%-46s %6.1f s%n%-46s %6.1f s%n%-46s %6.1f s%n%-46s %6.1f s%n",
          "JVM start to Spark session ready",
          jvmAndSession,
          "first job (write 100,000 rows)",
          firstJob,
          later,
          laterJobsSeconds,
          "total, " + jobs + " Spark jobs",
          total());
    }
  }

  private SparkFloor() {}

  /**
   * Starts the run's local session and times {@code jobs} trivial jobs writing into {@code work}.
   * Meaningful only as the first thing a fresh JVM does.
   */
  public static Result measure(Path work, int jobs, ProgressLine progress) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    SparkSession spark = SparkSettings.LOCAL.start("green bench --floor");
    try {
      SparkSettings.LOCAL.tuneFor(spark, ROWS);
      // Planned as a carried city month's jobs are: interpreted.
      SparkSettings.LOCAL.compileFor(spark, 0);
      double session = (System.currentTimeMillis() - jvmStart) / 1000.0;
      JobCounter counter = JobCounter.start(spark);
      String base = work.resolve("rows").toString();
      long t0 = System.nanoTime();
      spark
          .range(ROWS)
          .selectExpr("id % 100 AS k", "id AS v")
          .write()
          .mode("overwrite")
          .parquet(base);
      long t1 = System.nanoTime();
      progress.update("floor", 1, jobs);
      for (int i = 1; i < jobs; i++) {
        spark
            .read()
            .schema("k BIGINT, v BIGINT") // as a run reads: no job to infer it
            .parquet(base)
            .groupBy(col("k"))
            .agg(sum(col("v")).as("v"))
            .write()
            .mode("overwrite")
            .parquet(work.resolve("sums-" + i).toString());
        progress.update("floor", i + 1, jobs);
      }
      long t2 = System.nanoTime();
      int started = counter.stop();
      progress.finish("floor", jobs + " jobs");
      return new Result(session, (t1 - t0) / 1e9, jobs - 1, (t2 - t1) / 1e9, started);
    } finally {
      SparkTempFolders.stop(spark);
    }
  }
}
