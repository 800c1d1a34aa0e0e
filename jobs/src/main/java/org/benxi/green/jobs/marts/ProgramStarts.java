package org.benxi.green.jobs.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Program items with {@code started_on}: the contract carries no start date, so an item counts as
 * started from the earlier of its completion date and the received date of the first drop that
 * listed it as in progress or completed.
 */
public final class ProgramStarts {
  private ProgramStarts() {}

  /** {@code staged} programs plus {@code started_on}, from the flagged rows of every drop. */
  public static Dataset<Row> transform(Dataset<Row> staged, Dataset<Row> flagged) {
    Dataset<Row> firstStarted =
        flagged
            .filter(col("reject_reason").isNull())
            .filter(col("status").isin("in_progress", "completed"))
            .groupBy("program", "item_id")
            .agg(min("received").as("_first_started"));
    return staged
        .join(firstStarted, new String[] {"program", "item_id"}, "left")
        .withColumn("started_on", least(col("_first_started"), col("completed_on")))
        .drop("_first_started");
  }
}
