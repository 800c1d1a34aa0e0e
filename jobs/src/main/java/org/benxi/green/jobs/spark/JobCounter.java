package org.benxi.green.jobs.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs a session starts while it listens: a run's fixed cost is per job, so the
 * count is what a budget holds and what the benchmark reports. Unlike time, it is exact.
 */
public final class JobCounter extends SparkListener {
  private final SparkSession spark;
  private final AtomicInteger jobs = new AtomicInteger();

  private JobCounter(SparkSession spark) {
    this.spark = spark;
  }

  /** Starts counting the jobs of {@code spark}. */
  public static JobCounter start(SparkSession spark) {
    JobCounter counter = new JobCounter(spark);
    spark.sparkContext().addSparkListener(counter);
    return counter;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
  }

  /** Stops counting, once every event already posted has arrived, and returns the count. */
  public int stop() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener events did not arrive within a minute", e);
    }
    spark.sparkContext().removeSparkListener(this);
    return jobs.get();
  }
}
