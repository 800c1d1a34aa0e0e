package org.benxi.green.jobs.marts;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;

/** The scopes an indicator is reported for: {@code city}, then every county code. */
public final class Scopes {
  /** The scope name for the whole city. */
  public static final String CITY = "city";

  private Scopes() {}

  /** Scope codes in report order. */
  public static List<String> all(ReferenceData reference) {
    List<String> scopes = new ArrayList<>();
    scopes.add(CITY);
    scopes.addAll(reference.counties().keySet().stream().sorted().toList());
    return scopes;
  }

  /** A one-column ({@code scope}) frame of every scope. */
  public static Dataset<Row> frame(SparkSession spark, ReferenceData reference) {
    List<Row> rows = all(reference).stream().map(s -> RowFactory.create(s)).toList();
    return spark.createDataFrame(rows, new StructType().add("scope", DataTypes.StringType, false));
  }
}
