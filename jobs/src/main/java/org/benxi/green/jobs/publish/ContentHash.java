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
    Row sums = table.agg(metrics(table.columns())[0], rest(metrics(table.columns()))).first();
    return digest(table.columns(), sums.get(0), sums.get(1), sums.get(2));
  }

  /**
   * The aggregates the hash is made of, named {@code rows}, {@code a} and {@code b}: to compute
   * while writing ({@code Dataset.observe}) instead of reading the written table back.
   */
  public static Column[] metrics(String[] columns) {
    String[] names = columns.clone();
    Arrays.sort(names);
    Column[] cols = Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
    return new Column[] {
      count(lit(1)).as("rows"),
      sum(xxhash64(concat(lit(1), cols)).cast(DataTypes.createDecimalType(38, 0))).as("a"),
      sum(xxhash64(concat(lit(2), cols)).cast(DataTypes.createDecimalType(38, 0))).as("b")
    };
  }

  /** The hash of a table with these columns from the values of its {@link #metrics}. */
  public static Measured digest(String[] columns, Object rows, Object a, Object b) {
    String[] names = columns.clone();
    Arrays.sort(names);
    String digestInput = String.join(",", names) + "|" + rows + "|" + a + "|" + b;
    try {
      return new Measured(
          ((Number) rows).longValue(),
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(digestInput.getBytes(StandardCharsets.UTF_8))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Column[] rest(Column[] all) {
    return Arrays.copyOfRange(all, 1, all.length);
  }

  private static Column[] concat(Column seed, Column[] columns) {
    Column[] all = new Column[columns.length + 1];
    all[0] = seed;
    System.arraycopy(columns, 0, all, 1, columns.length);
    return all;
  }
}
