package org.benxi.green.jobs;

import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.spark.SparkSettings;

/** One local[2] session for every test class in the JVM: UI off, shuffle width by input size. */
public abstract class SparkTestBase {
  /** The settings of the shared session, and of the runs the tests configure on it. */
  protected static final SparkSettings SETTINGS =
      new SparkSettings("local[2]", SparkSettings.BY_INPUT_SIZE);

  private static SparkSession session;

  /** The shared session, started on first use. */
  protected static synchronized SparkSession spark() {
    if (session == null) {
      session = SETTINGS.start("green tests");
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }
}
