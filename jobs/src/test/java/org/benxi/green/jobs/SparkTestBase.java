package org.benxi.green.jobs;

import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.spark.SparkSettings;

/** One local[2] session for every test class in the JVM: UI off, two shuffle partitions. */
public abstract class SparkTestBase {
  private static SparkSession session;

  /** The shared session, started on first use. */
  protected static synchronized SparkSession spark() {
    if (session == null) {
      session = new SparkSettings("local[2]", SparkSettings.BY_INPUT_SIZE).start("green tests");
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }
}
