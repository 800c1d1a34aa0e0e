package org.benxi.green.jobs.publish;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.runtime.BoxedUnit;

/**
 * Every folder the Spark queries of a session read as a file source or write as Parquet, while
 * recording: the plans' own paths, so a test can tell where the executors were sent.
 */
final class SparkFilePaths implements QueryExecutionListener {
  private final SparkSession spark;
  private final List<String> reads = new ArrayList<>();
  private final List<String> writes = new ArrayList<>();

  private SparkFilePaths(SparkSession spark) {
    this.spark = spark;
  }

  /** Starts recording the queries of {@code spark}. */
  static SparkFilePaths record(SparkSession spark) {
    SparkFilePaths paths = new SparkFilePaths(spark);
    spark.listenerManager().register(paths);
    return paths;
  }

  /** Stops recording, once every query that ran has been seen. */
  SparkFilePaths stop() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Spark's listener bus did not drain", e);
    }
    spark.listenerManager().unregister(this);
    return this;
  }

  synchronized List<String> reads() {
    return List.copyOf(reads);
  }

  synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    collect(qe.analyzed());
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {
    collect(qe.analyzed());
  }

  private synchronized void collect(LogicalPlan plan) {
    plan.foreach(
        node -> {
          if (node instanceof InsertIntoHadoopFsRelationCommand write) {
            writes.add(write.outputPath().toString());
          } else if (node instanceof LogicalRelation relation
              && relation.relation() instanceof HadoopFsRelation files) {
            files.location().rootPaths().foreach(p -> reads.add(p.toString()));
          }
          return BoxedUnit.UNIT;
        });
  }
}
