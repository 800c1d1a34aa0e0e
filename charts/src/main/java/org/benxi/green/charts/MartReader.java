package org.benxi.green.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads one published mart folder (its part files) with Apache Parquet's own reader into a Tablesaw
 * table: strings, decimals as doubles, integers, longs, dates and booleans; nulls stay missing.
 */
public final class MartReader {
  private MartReader() {}

  /** Every row of the mart in {@code dir}, in part-file order. */
  public static Table read(Path dir, String name) {
    return read(dir, name, List.of());
  }

  /**
   * Every row of the mart in {@code dir}, in part-file order, with only {@code columns} (every
   * column when empty): Parquet then reads no other column's pages.
   */
  public static Table read(Path dir, String name, List<String> columns) {
    Table table = null;
    for (Path part : parts(dir)) {
      Table one = readFile(part, name, columns);
      table = table == null ? one : table.append(one);
    }
    return table;
  }

  /**
   * {@link Shapes.KeyTotals} of the mart in {@code dir}, as {@link Shapes#totals} takes them of its
   * table, streamed column by column in part-file order without building a table: the largest mart
   * (a row per enterprise and energy, a million enterprises nationally) is only ranked.
   */
  public static Shapes.KeyTotals totals(Path dir, String key, String label, String measure) {
    Map<String, Double> totals = new HashMap<>();
    Map<String, String> labels = new HashMap<>();
    for (Path part : parts(dir)) {
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part))) {
        MessageType schema = requested(reader, part, List.of(key, label, measure));
        PrimitiveType measureType = schema.getType(2).asPrimitiveType();
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          ColumnReadStoreImpl store =
              new ColumnReadStoreImpl(
                  pages, new DummyRecordConverter(schema).getRootConverter(), schema, null);
          ColumnReader keys = store.getColumnReader(schema.getColumns().get(0));
          ColumnReader names = store.getColumnReader(schema.getColumns().get(1));
          ColumnReader values = store.getColumnReader(schema.getColumns().get(2));
          for (long row = 0; row < pages.getRowCount(); row++) {
            // A missing string reads as "", as Tablesaw's getString gives it.
            String k = present(keys) ? keys.getBinary().toStringUsingUTF8() : "";
            labels.putIfAbsent(k, present(names) ? names.getBinary().toStringUsingUTF8() : "");
            if (present(values)) {
              totals.merge(k, number(values, measureType), Double::sum);
            }
            keys.consume();
            names.consume();
            values.consume();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + part, e);
      }
    }
    return new Shapes.KeyTotals(totals, labels);
  }

  private static boolean present(ColumnReader column) {
    return column.getCurrentDefinitionLevel() == column.getDescriptor().getMaxDefinitionLevel();
  }

  /** A numeric column's current value: a decimal, integer or floating-point number. */
  private static double number(ColumnReader column, PrimitiveType type) {
    if (type.getLogicalTypeAnnotation()
        instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      BigInteger unscaled =
          switch (type.getPrimitiveTypeName()) {
            case INT32 -> BigInteger.valueOf(column.getInteger());
            case INT64 -> BigInteger.valueOf(column.getLong());
            default -> new BigInteger(column.getBinary().getBytes());
          };
      return decimal(unscaled, decimal);
    }
    return switch (type.getPrimitiveTypeName()) {
      case INT32 -> column.getInteger();
      case INT64 -> column.getLong();
      case FLOAT -> column.getFloat();
      case DOUBLE -> column.getDouble();
      default -> throw new IllegalArgumentException(type + " is not a number");
    };
  }

  private static double decimal(
      BigInteger unscaled, LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
    return new BigDecimal(unscaled, decimal.getScale()).doubleValue();
  }

  /** The mart's part files, in name order. */
  private static List<Path> parts(Path dir) {
    List<Path> parts;
    try (Stream<Path> s = Files.list(dir)) {
      parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the mart " + dir, e);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no Parquet part files");
    }
    return parts;
  }

  /** The file's schema, narrowed to {@code wanted} (every column when empty) and requested. */
  private static MessageType requested(ParquetFileReader reader, Path file, List<String> wanted) {
    MessageType stored = reader.getFooter().getFileMetaData().getSchema();
    if (wanted.isEmpty()) {
      return stored;
    }
    for (String column : wanted) {
      if (!stored.containsField(column)) {
        throw new IllegalArgumentException(file + ": no column " + column + " in " + stored);
      }
    }
    MessageType schema =
        new MessageType(stored.getName(), wanted.stream().map(stored::getType).toList());
    reader.setRequestedSchema(schema);
    return schema;
  }

  private static Table readFile(Path file, String name, List<String> wanted) {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType stored = reader.getFooter().getFileMetaData().getSchema();
      MessageType schema = requested(reader, file, wanted);
      List<Column<?>> columns = new ArrayList<>();
      for (Type field : schema.getFields()) {
        columns.add(emptyColumn(field));
      }
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(schema, stored)
                .getRecordReader(pages, new GroupRecordConverter(schema));
        for (long row = 0; row < pages.getRowCount(); row++) {
          Group group = records.read();
          for (int i = 0; i < columns.size(); i++) {
            append(columns.get(i), schema.getType(i), group, i);
          }
        }
      }
      return Table.create(name, columns);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static Column<?> emptyColumn(Type field) {
    String name = field.getName();
    PrimitiveType type = field.asPrimitiveType();
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
      return StringColumn.create(name);
    }
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
      return DoubleColumn.create(name);
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return DateColumn.create(name);
    }
    return switch (type.getPrimitiveTypeName()) {
      case INT32 -> IntColumn.create(name);
      case INT64 -> LongColumn.create(name);
      case DOUBLE, FLOAT -> DoubleColumn.create(name);
      case BOOLEAN -> BooleanColumn.create(name);
      default -> StringColumn.create(name);
    };
  }

  private static void append(Column<?> column, Type field, Group group, int i) {
    if (group.getFieldRepetitionCount(i) == 0) {
      column.appendMissing();
      return;
    }
    PrimitiveType type = field.asPrimitiveType();
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (column instanceof StringColumn c) {
      c.append(group.getValueToString(i, 0));
    } else if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      BigInteger unscaled =
          switch (type.getPrimitiveTypeName()) {
            case INT32 -> BigInteger.valueOf(group.getInteger(i, 0));
            case INT64 -> BigInteger.valueOf(group.getLong(i, 0));
            default -> new BigInteger(group.getBinary(i, 0).getBytes());
          };
      ((DoubleColumn) column).append(decimal(unscaled, decimal));
    } else if (column instanceof DateColumn c) {
      c.append(LocalDate.ofEpochDay(group.getInteger(i, 0)));
    } else if (column instanceof IntColumn c) {
      c.append(group.getInteger(i, 0));
    } else if (column instanceof LongColumn c) {
      c.append(group.getLong(i, 0));
    } else if (column instanceof DoubleColumn c) {
      c.append(
          type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT
              ? group.getFloat(i, 0)
              : group.getDouble(i, 0));
    } else if (column instanceof BooleanColumn c) {
      c.append(group.getBoolean(i, 0));
    }
  }
}
