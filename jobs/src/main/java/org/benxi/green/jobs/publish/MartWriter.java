package org.benxi.green.jobs.publish;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a mart as one Parquet part file sorted on all its columns, and measures its row count and
 * content hash ({@link ContentHash}) while writing: one Spark job, the mart never read back.
 */
public final class MartWriter {
  private static final AtomicLong OBSERVATIONS = new AtomicLong();

  private MartWriter() {}

  /** Writes {@code mart} into {@code dir} (which must not exist) and returns what it wrote. */
  public static ContentHash.Measured write(Dataset<Row> mart, Path dir) {
    String[] columns = mart.columns();
    Column[] metrics = ContentHash.metrics(columns);
    Observation observation = new Observation("mart-" + OBSERVATIONS.incrementAndGet());
    mart.observe(observation, metrics[0], Arrays.copyOfRange(metrics, 1, metrics.length))
        .repartition(1)
        .sortWithinPartitions(columns[0], Arrays.copyOfRange(columns, 1, columns.length))
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(dir.toString());
    Map<String, Object> values;
    try {
      values = observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while measuring " + dir, e);
    }
    return ContentHash.digest(columns, values.get("rows"), values.get("a"), values.get("b"));
  }
}
