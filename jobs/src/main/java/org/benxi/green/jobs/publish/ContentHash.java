package org.benxi.green.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * A content hash of a table that depends only on its rows (as a multiset) and column names: not on
 * partitioning, part files or row order. Each row is hashed with two seeds; the run sums the hashes
 * exactly (as decimals) and takes SHA-256 of the row count, the sums and the columns.
 */
public final class ContentHash {
  private ContentHash() {}

  /** A table's row count and content hash, from one pass over it. */
  public record Measured(long rows, String hash) {}

  /** Hex SHA-256 of the table's content. */
  public static String of(Dataset<Row> table) {
    return measure(table).hash();
  }

  /** The table's row count and content hash, in one Spark job. */
  public static Measured measure(Dataset<Row> table) {
    String[] names = table.columns().clone();
    Arrays.sort(names);
    Column[] columns = Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
    Row sums =
        table
            .select(
                xxhash64(concat(lit(1), columns)).cast(DataTypes.createDecimalType(38, 0)).as("a"),
                xxhash64(concat(lit(2), columns)).cast(DataTypes.createDecimalType(38, 0)).as("b"))
            .agg(count(lit(1)), sum("a"), sum("b"))
            .first();
    String digestInput =
        String.join(",", names) + "|" + sums.get(0) + "|" + sums.get(1) + "|" + sums.get(2);
    try {
      return new Measured(
          sums.getLong(0),
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(digestInput.getBytes(StandardCharsets.UTF_8))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Column[] concat(Column seed, Column[] columns) {
    Column[] all = new Column[columns.length + 1];
    all[0] = seed;
    System.arraycopy(columns, 0, all, 1, columns.length);
    return all;
  }
}
