package org.benxi.green.jobs.marts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The date each program item counts as started from: the {@code started_on} (开始日期) its latest
 * register gives, else the earliest one an earlier register gave; only when no register gives one,
 * the earlier of its completion date and the received date of the first drop that listed it as in
 * progress or completed (a register snapshot arrives days after the month it describes).
 */
public final class ProgramStarts {
  private ProgramStarts() {}

  /**
   * {@code staged} programs with {@code started_on} decided, from the flagged rows of every drop.
   */
  public static Dataset<Row> transform(Dataset<Row> staged, Dataset<Row> flagged) {
    Dataset<Row> firstStarted =
        flagged
            .filter(col("reject_reason").isNull())
            .filter(col("status").isin("in_progress", "completed"))
            .groupBy("program", "item_id")
            .agg(min("received").as("_first_started"), min("started_on").as("_given_before"));
    return staged
        .join(firstStarted, new String[] {"program", "item_id"}, "left")
        .withColumn(
            "started_on",
            coalesce(
                col("started_on"),
                col("_given_before"),
                least(col("_first_started"), col("completed_on"))))
        .drop("_first_started", "_given_before");
  }
}
