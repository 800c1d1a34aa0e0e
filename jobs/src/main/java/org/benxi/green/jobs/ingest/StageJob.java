package org.benxi.green.jobs.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.benxi.green.datasets.SourceSchema;

/**
 * Staging of one source from its parsed rows: {@link #flag} gives every row its final reject reason
 * (parse rule, key repeated inside one drop, or enterprise unknown as of the run); {@link #latest}
 * keeps the latest drop's accepted row per natural key; {@link #rejects} lists the rest.
 */
public final class StageJob {
  private StageJob() {}

  /**
   * Parsed rows with {@code reject_reason}, {@code reject_column} and {@code reject_value} set for
   * every row that does not enter staging. {@code enterprises} is the staged register, or {@code
   * null} when flagging the register itself.
   */
  public static Dataset<Row> flag(
      Dataset<Row> parsed, SourceSchema schema, Dataset<Row> enterprises) {
    Column[] key = keyColumns(schema);
    List<Column> keyAndDrop = new ArrayList<>(Arrays.asList(key));
    keyAndDrop.add(col("received"));
    Column parseOk = col("reject_reason").isNull();
    Dataset<Row> withCopies =
        parsed.withColumn(
            "_copies",
            when(
                parseOk,
                count(when(parseOk, lit(1)))
                    .over(Window.partitionBy(keyAndDrop.toArray(Column[]::new)))));
    Column duplicate = parseOk.and(col("_copies").gt(1));

    Column unknownEnterprise = lit(false);
    Dataset<Row> joined = withCopies;
    boolean checksEnterprise =
        enterprises != null
            && schema.columns().stream().anyMatch(c -> c.rule().equals("enterprise"));
    if (checksEnterprise) {
      Dataset<Row> register = enterprises.select(col("credit_code").as("_known_code")).distinct();
      joined =
          withCopies.join(
              register, withCopies.col("credit_code").equalTo(register.col("_known_code")), "left");
      unknownEnterprise =
          parseOk
              .and(duplicate.unary_$bang())
              .and(col("credit_code").isNotNull())
              .and(col("_known_code").isNull());
    }
    String keyName = String.join("|", schema.keyColumns());
    Column reason =
        when(duplicate, lit("duplicate_key"))
            .when(unknownEnterprise, lit("unknown_enterprise"))
            .otherwise(col("reject_reason"));
    Column column =
        when(duplicate, lit(keyName))
            .when(unknownEnterprise, lit("credit_code"))
            .otherwise(col("reject_column"));
    Column value =
        when(duplicate, concat_ws("|", key))
            .when(unknownEnterprise, checksEnterprise ? col("credit_code") : lit(""))
            .otherwise(coalesce(col("reject_value"), lit("")));
    return joined
        .withColumn("_reason", reason)
        .withColumn("_column", column)
        .withColumn("_value", when(col("_reason").isNotNull(), value))
        .drop("reject_reason", "reject_column", "reject_value", "_copies", "_known_code")
        .withColumnRenamed("_reason", "reject_reason")
        .withColumnRenamed("_column", "reject_column")
        .withColumnRenamed("_value", "reject_value");
  }

  /** One row per natural key: the accepted row of the latest drop. */
  public static Dataset<Row> latest(Dataset<Row> flagged, SourceSchema schema) {
    return flagged
        .filter(col("reject_reason").isNull())
        .drop("reject_reason", "reject_column", "reject_value")
        .withColumn(
            "_rank",
            row_number()
                .over(Window.partitionBy(keyColumns(schema)).orderBy(col("received").desc())))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }

  /** Every rejected row, in the quarantine's columns. */
  public static Dataset<Row> rejects(Dataset<Row> flagged, SourceSchema schema) {
    return flagged
        .filter(col("reject_reason").isNotNull())
        .select(
            lit(schema.name()).as("source"),
            col("file"),
            col("line"),
            col("reject_column").as("column"),
            col("reject_reason").as("reason"),
            col("reject_value").as("value"),
            col("received"));
  }

  private static Column[] keyColumns(SourceSchema schema) {
    return schema.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new);
  }
}
