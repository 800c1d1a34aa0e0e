package org.benxi.green.jobs.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Parquet folder written by Spark, read on the driver without a Spark job: its schema from the
 * Spark metadata in the files' footers, its rows as the Java values Spark collects (String,
 * Integer, Long, Double, Boolean, BigDecimal, LocalDate). For the small published tables a run
 * reports on or carries; Spark reads the large ones itself, given {@link #schema} so that it need
 * not infer one.
 */
public final class ParquetRows {
  private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

  private ParquetRows() {}

  /** A folder's schema and rows. */
  public record Table(StructType schema, List<Row> rows) {}

  /**
   * Reads {@code sparkDir}, a copy of {@code dir} where every executor reaches it, with the schema
   * the footers of {@code dir} declare.
   */
  public static Dataset<Row> spark(
      SparkSession spark, Path dir, org.apache.hadoop.fs.Path sparkDir) {
    return spark.read().schema(schema(dir)).parquet(sparkDir.toString());
  }

  /** The Spark schema the folder's first part file declares. */
  public static StructType schema(Path dir) {
    List<Path> parts = parts(dir);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no Parquet part files");
    }
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parts.get(0)))) {
      String json = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA);
      if (json == null) {
        throw new IllegalArgumentException(parts.get(0) + ": not written by Spark");
      }
      return (StructType) DataType.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + parts.get(0), e);
    }
  }

  /** Every row of every part file, in part-file order. */
  public static Table read(Path dir) {
    StructType schema = schema(dir);
    List<Row> rows = new ArrayList<>();
    for (Path part : parts(dir)) {
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part))) {
        MessageType file = reader.getFooter().getFileMetaData().getSchema();
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          RecordReader<Group> records =
              new ColumnIOFactory()
                  .getColumnIO(file)
                  .getRecordReader(pages, new GroupRecordConverter(file));
          for (long i = 0; i < pages.getRowCount(); i++) {
            Group group = records.read();
            Object[] values = new Object[schema.size()];
            for (int c = 0; c < values.length; c++) {
              StructField field = schema.fields()[c];
              int at = file.getFieldIndex(field.name());
              values[c] =
                  group.getFieldRepetitionCount(at) == 0
                      ? null
                      : value(field.dataType(), file.getType(at).asPrimitiveType(), group, at);
            }
            rows.add(new GenericRowWithSchema(values, schema));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + part, e);
      }
    }
    return new Table(schema, rows);
  }

  private static Object value(DataType type, PrimitiveType physical, Group group, int at) {
    if (type.equals(DataTypes.StringType)) {
      return group.getBinary(at, 0).toStringUsingUTF8();
    }
    if (type.equals(DataTypes.IntegerType)) {
      return group.getInteger(at, 0);
    }
    if (type.equals(DataTypes.LongType)) {
      return group.getLong(at, 0);
    }
    if (type.equals(DataTypes.DoubleType)) {
      return group.getDouble(at, 0);
    }
    if (type.equals(DataTypes.BooleanType)) {
      return group.getBoolean(at, 0);
    }
    if (type.equals(DataTypes.DateType)) {
      return LocalDate.ofEpochDay(group.getInteger(at, 0));
    }
    if (type instanceof DecimalType decimal) {
      BigInteger unscaled =
          switch (physical.getPrimitiveTypeName()) {
            case INT32 -> BigInteger.valueOf(group.getInteger(at, 0));
            case INT64 -> BigInteger.valueOf(group.getLong(at, 0));
            default -> new BigInteger(group.getBinary(at, 0).getBytes());
          };
      return new BigDecimal(unscaled, decimal.scale());
    }
    throw new IllegalArgumentException("Unsupported column type " + type);
  }

  private static List<Path> parts(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }
}
