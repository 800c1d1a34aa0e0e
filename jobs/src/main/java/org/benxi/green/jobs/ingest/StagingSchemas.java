package org.benxi.green.jobs.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.SourceSchema;

/** Explicit Spark schemas of parsed rows, staged rows and rejects; derived from sources.csv. */
public final class StagingSchemas {
  /** Every decimal measure. */
  public static final DataType MEASURE =
      DataTypes.createDecimalType(RowValidator.PRECISION, RowValidator.SCALE);

  /** One rejected row: where it came from, which column broke which rule, and the value. */
  public static final StructType REJECTS =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("file", DataTypes.StringType, false)
          .add("line", DataTypes.IntegerType, false)
          .add("column", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType, false)
          .add("value", DataTypes.StringType, false)
          .add("received", DataTypes.DateType, false);

  private StagingSchemas() {}

  /** The Spark type of a contract column type. */
  public static DataType sparkType(SourceSchema.Type type) {
    return switch (type) {
      case TEXT, PERIOD, QUARTER -> DataTypes.StringType;
      case DECIMAL -> MEASURE;
      case INTEGER -> DataTypes.IntegerType;
      case DATE -> DataTypes.DateType;
      case FLAG -> DataTypes.BooleanType;
    };
  }

  /** Staged rows of a source: lineage (file, line, received) then the typed contract columns. */
  public static StructType staged(SourceSchema schema) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("file", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("line", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("received", DataTypes.DateType, false));
    for (SourceSchema.Column column : schema.columns()) {
      fields.add(
          DataTypes.createStructField(column.name(), sparkType(column.type()), !column.required()));
    }
    return DataTypes.createStructType(fields);
  }

  /** Parsed rows: the staged columns (typed values nullable) and the reject columns. */
  public static StructType parsed(SourceSchema schema) {
    StructType staged = staged(schema);
    List<StructField> fields = new ArrayList<>();
    for (StructField field : staged.fields()) {
      boolean lineage =
          field.name().equals("file")
              || field.name().equals("line")
              || field.name().equals("received");
      fields.add(field.copy(field.name(), field.dataType(), !lineage, field.metadata()));
    }
    fields.add(DataTypes.createStructField("reject_reason", DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("reject_column", DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("reject_value", DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }
}
