package org.benxi.green.jobs.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.benxi.green.datasets.SourceSchema;

/**
 * Staging of the parsed rows of every source at once, in the drop store's merged schema (one row
 * per data record, {@link ParseJob#SOURCE} naming its source): {@link #flag} gives every row its
 * final reject reason (parse rule, key repeated inside one drop, or enterprise unknown as of the
 * run); {@link #latest} keeps the latest drop's accepted row per source and natural key; {@link
 * #rejects} lists the rest; {@link #of} narrows a table to one source in its own columns. One plan
 * serves every source, however many there are.
 */
public final class StageJob {
  private static final String SEPARATOR = "\u0001";
  private static final String NULL = "\u0002";

  private StageJob() {}

  /**
   * Parsed rows with {@code reject_reason}, {@code reject_column} and {@code reject_value} set for
   * every row that does not enter staging. {@code register} is the staged enterprise register
   * ({@link #of} the register's {@link #latest}), or {@code null} when flagging the register
   * itself.
   */
  public static Dataset<Row> flag(
      Dataset<Row> parsed, Map<String, SourceSchema> schemas, Dataset<Row> register) {
    Column parseOk = col("reject_reason").isNull();
    Dataset<Row> keyed = parsed.withColumn("_key", key(schemas));
    Dataset<Row> withCopies =
        keyed.withColumn(
            "_copies",
            when(
                parseOk,
                count(when(parseOk, lit(1)))
                    .over(Window.partitionBy(col(ParseJob.SOURCE), col("_key"), col("received")))));
    Column duplicate = parseOk.and(col("_copies").gt(1));

    List<String> checked = new ArrayList<>();
    schemas.forEach(
        (name, schema) -> {
          if (schema.columns().stream().anyMatch(c -> c.rule().equals("enterprise"))) {
            checked.add(name);
          }
        });
    Column checksEnterprise = lit(false);
    Column unknownEnterprise = lit(false);
    Dataset<Row> joined = withCopies;
    if (register != null && !checked.isEmpty()) {
      checksEnterprise = col(ParseJob.SOURCE).isin(checked.toArray());
      Dataset<Row> known = register.select(col("credit_code").as("_known_code")).distinct();
      joined =
          withCopies.join(
              known,
              checksEnterprise.and(withCopies.col("credit_code").equalTo(known.col("_known_code"))),
              "left");
      unknownEnterprise =
          checksEnterprise
              .and(parseOk)
              .and(duplicate.unary_$bang())
              .and(col("credit_code").isNotNull())
              .and(col("_known_code").isNull());
    } else {
      joined = withCopies.withColumn("_known_code", lit(null).cast("string"));
    }
    Column reason =
        when(duplicate, lit("duplicate_key"))
            .when(unknownEnterprise, lit("unknown_enterprise"))
            .otherwise(col("reject_reason"));
    Column column =
        when(duplicate, perSource(schemas, s -> lit(String.join("|", s.keyColumns()))))
            .when(unknownEnterprise, lit("credit_code"))
            .otherwise(col("reject_column"));
    Column value =
        when(duplicate, perSource(schemas, s -> concat_ws("|", keyColumns(s))))
            .when(unknownEnterprise, col("credit_code"))
            .otherwise(coalesce(col("reject_value"), lit("")));
    List<Column> out = new ArrayList<>();
    for (String name : parsed.columns()) {
      switch (name) {
        case "reject_reason" -> out.add(reason.as("reject_reason"));
        case "reject_column" -> out.add(column.as("reject_column"));
        case "reject_value" -> out.add(when(reason.isNotNull(), value).as("reject_value"));
        default -> out.add(col(name));
      }
    }
    out.add(col("_key"));
    return joined.select(out.toArray(Column[]::new));
  }

  /** One row per source and natural key: the accepted row of the latest drop. */
  public static Dataset<Row> latest(Dataset<Row> flagged) {
    return flagged
        .filter(col("reject_reason").isNull())
        .withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(col(ParseJob.SOURCE), col("_key"))
                        .orderBy(col("received").desc())))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }

  /** Every rejected row, in the quarantine's columns. */
  public static Dataset<Row> rejects(Dataset<Row> flagged) {
    return flagged
        .filter(col("reject_reason").isNotNull())
        .select(
            col(ParseJob.SOURCE).as("source"),
            col("file"),
            col("line"),
            col("reject_column").as("column"),
            col("reject_reason").as("reason"),
            col("reject_value").as("value"),
            col("received"));
  }

  /**
   * The rows of {@code schema}'s source, in its own columns: {@link StagingSchemas#staged} for a
   * staged table, or {@link StagingSchemas#parsed} when {@code withRejects}.
   */
  public static Dataset<Row> of(Dataset<Row> rows, SourceSchema schema, boolean withRejects) {
    String[] columns =
        (withRejects ? StagingSchemas.parsed(schema) : StagingSchemas.staged(schema)).fieldNames();
    return rows.filter(col(ParseJob.SOURCE).equalTo(schema.name()))
        .select(java.util.Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new));
  }

  /** A source's natural key as one text: key cells joined, a null marked apart from any text. */
  private static Column key(Map<String, SourceSchema> schemas) {
    return perSource(
        schemas,
        s ->
            concat_ws(
                SEPARATOR,
                s.keyColumns().stream()
                    .map(k -> coalesce(col(k).cast("string"), lit(NULL)))
                    .toArray(Column[]::new)));
  }

  /** {@code CASE src WHEN <source> THEN <expression of its schema> END}. */
  private static Column perSource(
      Map<String, SourceSchema> schemas, java.util.function.Function<SourceSchema, Column> each) {
    Column out = null;
    for (SourceSchema schema : schemas.values()) {
      Column when = col(ParseJob.SOURCE).equalTo(schema.name());
      out = out == null ? when(when, each.apply(schema)) : out.when(when, each.apply(schema));
    }
    return out;
  }

  private static Column[] keyColumns(SourceSchema schema) {
    return schema.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new);
  }
}
