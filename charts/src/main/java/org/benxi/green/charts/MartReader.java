package org.benxi.green.charts;

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
    List<Path> parts;
    try (Stream<Path> s = Files.list(dir)) {
      parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the mart " + dir, e);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no Parquet part files");
    }
    Table table = null;
    for (Path part : parts) {
      Table one = readFile(part, name, columns);
      table = table == null ? one : table.append(one);
    }
    return table;
  }

  private static Table readFile(Path file, String name, List<String> wanted) {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType stored = reader.getFooter().getFileMetaData().getSchema();
      MessageType schema = stored;
      if (!wanted.isEmpty()) {
        for (String column : wanted) {
          if (!stored.containsField(column)) {
            throw new IllegalArgumentException(file + ": no column " + column + " in " + stored);
          }
        }
        schema = new MessageType(stored.getName(), wanted.stream().map(stored::getType).toList());
        reader.setRequestedSchema(schema);
      }
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
      ((DoubleColumn) column).append(new BigDecimal(unscaled, decimal.getScale()).doubleValue());
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
