package org.benxi.green.jobs.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.benxi.green.datasets.SourceSchema;

/**
 * Staging of one source's parsed rows, in that source's own columns ({@link
 * StagingSchemas#parsed}): {@link #flag} gives every row its final reject reason (parse rule, key
 * repeated inside one drop, or enterprise unknown as of the run); {@link #latest} keeps the latest
 * drop's accepted row per natural key; {@link #rejects} lists the rest; {@link #outcomes} reduces
 * flagged rows to what the run counts of every source alike.
 */
public final class StageJob {
  /** {@link #outcomes}: one row per parsed row of any source, with its reject reason or null. */
  public static final List<String> OUTCOME_COLUMNS =
      List.of(ParseJob.SOURCE, "file", "received", "credit_code", "county_code", "reject_reason");

  private StageJob() {}

  /**
   * Parsed rows with {@code reject_reason}, {@code reject_column} and {@code reject_value} set for
   * every row that does not enter staging. {@code known} is {@link #knownEnterprises} of the staged
   * register, or {@code null} when flagging the register itself.
   */
  public static Dataset<Row> flag(Dataset<Row> parsed, SourceSchema schema, Dataset<Row> known) {
    List<Column> byKey = new ArrayList<>(Arrays.asList(windowKeys(schema)));
    byKey.add(col("received"));
    Dataset<Row> rows =
        withDuplicates(parsed, schema, Window.partitionBy(byKey.toArray(Column[]::new)));
    return withReasons(rows, parsed.columns(), schema, known, null);
  }

  /**
   * {@code parsed} partitioned by enterprise, with {@code _duplicate} true on a row that parsed and
   * shares {@code sameKeyAndDrop} (its key and drop) with another row that parsed.
   */
  private static Dataset<Row> withDuplicates(
      Dataset<Row> parsed, SourceSchema schema, WindowSpec sameKeyAndDrop) {
    Column parseOk = col("reject_reason").isNull();
    // Partitioned by enterprise, the key windows and the register join share one shuffle, and the
    // kept frames stay partitioned for the marts' joins by enterprise.
    return byEnterprise(parsed, schema)
        .withColumn(
            "_duplicate", parseOk.and(count(when(parseOk, lit(1))).over(sameKeyAndDrop).gt(1)));
  }

  /**
   * {@link #flag} and {@link #latest} in one sort of the rows, for a full rebuild: the flagged rows
   * with {@link #LATEST} true on the one row per natural key that {@link #latest} keeps. Each key's
   * rows are ordered newest drop first; a key repeated inside one drop is a range of equal {@code
   * received}, and the latest accepted row is the first row that is neither rejected nor repeated.
   * Only for a source whose enterprise column, if it has one, is a key column ({@link
   * #flagsLatestInOneSort}): then every row of a key is of the same enterprise, known or not.
   */
  public static Dataset<Row> flagLatest(
      Dataset<Row> parsed, SourceSchema schema, Dataset<Row> known) {
    if (!flagsLatestInOneSort(schema)) {
      throw new IllegalArgumentException(schema.name() + " names an enterprise outside its key");
    }
    WindowSpec newestFirst = Window.partitionBy(windowKeys(schema)).orderBy(col("received").desc());
    Dataset<Row> rows =
        withDuplicates(
            parsed, schema, newestFirst.rangeBetween(Window.currentRow(), Window.currentRow()));
    Column kept = col("reject_reason").isNull().and(not(col("_duplicate")));
    rows =
        rows.withColumn(
            "_kept_so_far",
            count(when(kept, lit(1)))
                .over(newestFirst.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
    return withReasons(rows, parsed.columns(), schema, known, col("_kept_so_far").equalTo(1));
  }

  /** {@link #flagLatest}'s column: true on the row that {@link #latest} keeps for its key. */
  public static final String LATEST = "_latest";

  /** Whether {@link #flagLatest} serves {@code schema}'s source. */
  public static boolean flagsLatestInOneSort(SourceSchema schema) {
    String enterprise = enterpriseColumn(schema);
    return enterprise == null || schema.keyColumns().contains(enterprise);
  }

  /**
   * Rows with {@code _duplicate} given their reject reason, column and value in {@code columns};
   * with {@code firstKept} (else null), also {@link #LATEST}: the first kept row that is accepted.
   */
  private static Dataset<Row> withReasons(
      Dataset<Row> rows,
      String[] columns,
      SourceSchema schema,
      Dataset<Row> known,
      Column firstKept) {
    Column parseOk = col("reject_reason").isNull();
    Column duplicate = col("_duplicate");
    Column reason = when(duplicate, lit("duplicate_key"));
    Column column = when(duplicate, lit(String.join("|", schema.keyColumns())));
    Column value = when(duplicate, concat_ws("|", keyColumns(schema)));
    String enterprise = known == null ? null : enterpriseColumn(schema);
    if (enterprise != null) {
      // A merge join: both sides come partitioned and sorted by enterprise (the key windows sort
      // it first), where a broadcast would collect a national register's codes to the driver
      // once per source.
      rows =
          rows.join(
              known.hint("merge"), rows.col(enterprise).equalTo(known.col(KNOWN_CODE)), "left");
      Column unknown =
          parseOk
              .and(duplicate.unary_$bang())
              .and(col(enterprise).isNotNull())
              .and(col(KNOWN_CODE).isNull());
      reason = reason.when(unknown, lit("unknown_enterprise"));
      column = column.when(unknown, lit(enterprise));
      value = value.when(unknown, col(enterprise));
    }
    reason = reason.otherwise(col("reject_reason"));
    column = column.otherwise(col("reject_column"));
    value = value.otherwise(coalesce(col("reject_value"), lit("")));
    List<Column> out = new ArrayList<>();
    for (String name : columns) {
      switch (name) {
        case "reject_reason" -> out.add(reason.as("reject_reason"));
        case "reject_column" -> out.add(column.as("reject_column"));
        case "reject_value" -> out.add(when(reason.isNotNull(), value).as("reject_value"));
        default -> out.add(col(name));
      }
    }
    if (firstKept != null) {
      out.add(reason.isNull().and(firstKept).as(LATEST));
    }
    return rows.select(out.toArray(Column[]::new));
  }

  /**
   * The staged register's enterprises, one row each: {@code _known_code} and its county, {@code
   * _known_county}. Partitioned and sorted by code, so that {@link #flag} and the data-quality
   * counts join every source keyed by enterprise to it without a shuffle or a sort of its own when
   * the register comes partitioned by enterprise ({@link #byEnterprise}).
   */
  public static Dataset<Row> knownEnterprises(Dataset<Row> register) {
    return register
        .select(col("credit_code").as(KNOWN_CODE), col("county_code").as(KNOWN_COUNTY))
        .dropDuplicates(KNOWN_CODE)
        .sortWithinPartitions(KNOWN_CODE);
  }

  /** {@link #knownEnterprises}' enterprise code. */
  public static final String KNOWN_CODE = "_known_code";

  /** {@link #knownEnterprises}' county of the enterprise. */
  public static final String KNOWN_COUNTY = "_known_county";

  /**
   * {@code rows} of {@code schema}'s source hash-partitioned by the key column that names an
   * enterprise, where it has one: what {@link #flag} and {@link #latest} give, and what joins and
   * windows by enterprise then use without another shuffle.
   */
  public static Dataset<Row> byEnterprise(Dataset<Row> rows, SourceSchema schema) {
    String partition = enterpriseKey(schema);
    return partition == null ? rows : rows.repartition(col(partition));
  }

  /** The key column that names an enterprise (the register's own, or a reporter's), or null. */
  private static String enterpriseKey(SourceSchema schema) {
    String column = columnRuled(schema, List.of("enterprise", "credit_code"));
    return column != null && schema.keyColumns().contains(column) ? column : null;
  }

  /** The column whose contract rule names an enterprise of the register, or null. */
  private static String enterpriseColumn(SourceSchema schema) {
    return columnRuled(schema, List.of("enterprise"));
  }

  /** The first column whose contract rule is one of {@code rules}, or null. */
  private static String columnRuled(SourceSchema schema, List<String> rules) {
    return schema.columns().stream()
        .filter(c -> rules.contains(c.rule()))
        .map(SourceSchema.Column::name)
        .findFirst()
        .orElse(null);
  }

  /**
   * One row per natural key, in {@link StagingSchemas#staged} columns: the accepted row of the
   * latest drop.
   */
  public static Dataset<Row> latest(Dataset<Row> flagged, SourceSchema schema) {
    return latest(flagged, null, null, schema);
  }

  /**
   * The same, with {@code staged} (rows staged before from older drops, in staged columns, or
   * null): its rows that {@code outrankable} holds for (those of the months the new drops touch)
   * are ranked with the accepted rows of {@code flagged}; the others, which no new row can outrank,
   * are kept as they are. Partitioned by enterprise like the flagged rows.
   */
  public static Dataset<Row> latest(
      Dataset<Row> flagged, Dataset<Row> staged, Column outrankable, SourceSchema schema) {
    Column[] columns = columns(StagingSchemas.staged(schema).fieldNames());
    Dataset<Row> accepted = flagged.filter(col("reject_reason").isNull()).select(columns);
    if (staged != null) {
      accepted =
          byEnterprise(accepted.unionByName(staged.filter(outrankable).select(columns)), schema);
    }
    Dataset<Row> ranked =
        accepted
            .withColumn(
                "_rank",
                row_number()
                    .over(Window.partitionBy(windowKeys(schema)).orderBy(col("received").desc())))
            .filter(col("_rank").equalTo(1))
            .select(columns);
    // Spark keeps a union's partitioning when its inputs share it: no later shuffle by enterprise.
    return staged == null
        ? ranked
        : ranked.unionByName(byEnterprise(staged.filter(not(outrankable)).select(columns), schema));
  }

  /** The rows of a {@link #flagLatest} frame that {@link #latest} keeps, in its columns. */
  public static Dataset<Row> latestOf(Dataset<Row> flaggedLatest, SourceSchema schema) {
    return flaggedLatest
        .filter(col(LATEST))
        .select(columns(StagingSchemas.staged(schema).fieldNames()));
  }

  /** Every rejected row of {@code source}, in the quarantine's columns. */
  public static Dataset<Row> rejects(Dataset<Row> flagged, String source) {
    return flagged
        .filter(col("reject_reason").isNotNull())
        .select(
            lit(source).as("source"),
            col("file"),
            col("line"),
            col("reject_column").as("column"),
            col("reject_reason").as("reason"),
            col("reject_value").as("value"),
            col("received"));
  }

  /**
   * Flagged rows of {@code schema}'s source in {@link #OUTCOME_COLUMNS}; a source without an
   * enterprise or county column has them null.
   */
  public static Dataset<Row> outcomes(Dataset<Row> flagged, SourceSchema schema) {
    List<String> own = Arrays.asList(flagged.columns());
    List<Column> out = new ArrayList<>();
    out.add(lit(schema.name()).as(ParseJob.SOURCE));
    for (String name : OUTCOME_COLUMNS.subList(1, OUTCOME_COLUMNS.size())) {
      out.add(own.contains(name) ? col(name) : lit(null).cast("string").as(name));
    }
    return flagged.select(out.toArray(Column[]::new));
  }

  /**
   * The rows of {@code schema}'s source in a frame of every source ({@link ParseJob#unified}), in
   * its own columns ({@link StagingSchemas#parsed}).
   */
  public static Dataset<Row> of(Dataset<Row> rows, SourceSchema schema) {
    return rows.filter(col(ParseJob.SOURCE).equalTo(schema.name()))
        .select(columns(StagingSchemas.parsed(schema).fieldNames()));
  }

  /**
   * The key columns in the order the key windows sort them: the enterprise first, then the others
   * in contract order. A waste row's key starts with its county; sorted by enterprise first, the
   * rows need no second sort for the merge join with the register that follows the window.
   */
  private static Column[] windowKeys(SourceSchema schema) {
    String enterprise = enterpriseKey(schema);
    List<String> ordered = new ArrayList<>(schema.keyColumns());
    if (enterprise != null) {
      ordered.remove(enterprise);
      ordered.add(0, enterprise);
    }
    return ordered.stream().map(c -> col(c)).toArray(Column[]::new);
  }

  private static Column[] keyColumns(SourceSchema schema) {
    return schema.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new);
  }

  private static Column[] columns(String[] names) {
    return Arrays.stream(names).map(c -> col(c)).toArray(Column[]::new);
  }
}
