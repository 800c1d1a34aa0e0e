package org.benxi.green.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.publish.ParquetRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredParquetTest extends SparkTestBase {
  @TempDir Path dir;

  private static final StructType SCHEMA =
      new StructType()
          .add("line", DataTypes.IntegerType, false)
          .add("name", DataTypes.StringType, true)
          .add("year", DataTypes.IntegerType, true)
          .add("amount", DataTypes.createDecimalType(28, 6), true)
          .add("small", DataTypes.createDecimalType(9, 2), true)
          .add("mid", DataTypes.createDecimalType(18, 3), true)
          .add("on", DataTypes.DateType, true)
          .add("flag", DataTypes.BooleanType, true)
          .add("count", DataTypes.LongType, true)
          .add("ratio", DataTypes.DoubleType, true);

  private static final Object[] FULL = {
    7,
    "本溪 Q1",
    2025,
    new BigDecimal("-1234567890123456789012.123456"),
    new BigDecimal("-12.50"),
    new BigDecimal("123456789012345.678"),
    LocalDate.of(1500, 3, 1),
    true,
    9_000_000_000L,
    0.25
  };

  private static final Object[] NULLS = {8, null, null, null, null, null, null, null, null, null};

  private Path write(Object[]... rows) throws Exception {
    return write(dir.resolve("src=x/sha256=ab/part-00000.snappy.parquet"), SCHEMA, rows);
  }

  private Path write(Path target, StructType schema, Object[]... rows) throws Exception {
    StoredParquet out =
        StoredParquet.create(
            target.toUri().toString(),
            dir.resolve(".writing").toUri().toString(),
            schema,
            spark().version(),
            new Configuration(false));
    try {
      for (Object[] row : rows) {
        out.write(row);
      }
      out.finish();
    } finally {
      out.abort();
    }
    return target;
  }

  @Test
  void sparkReadsEveryTypeBackAsWritten() throws Exception {
    Path file = write(FULL, NULLS);
    List<Row> rows =
        spark().read().schema(SCHEMA).parquet(file.toString()).orderBy("line").collectAsList();
    assertEquals(2, rows.size());
    for (int i = 0; i < FULL.length; i++) {
      Object read = rows.get(0).get(i);
      Object expected = FULL[i];
      if (expected instanceof BigDecimal d) {
        assertEquals(0, d.compareTo((BigDecimal) read), SCHEMA.fields()[i].name());
      } else {
        assertEquals(expected, read, SCHEMA.fields()[i].name());
      }
    }
    for (int i = 1; i < NULLS.length; i++) {
      assertTrue(rows.get(1).isNullAt(i), SCHEMA.fields()[i].name());
    }
  }

  @Test
  void theFooterDeclaresTheSparkSchemaAndVersion() throws Exception {
    Path file = write(FULL);
    assertEquals(SCHEMA, ParquetRows.schema(file.getParent()));
    // Without a schema Spark takes the footer's (reading files, it makes every field nullable).
    assertEquals(SCHEMA.asNullable(), spark().read().parquet(file.toString()).schema());
    // A date before 1582 reads back as written: the footer names a Spark 3+ writer, so Spark
    // rebases no calendar, whatever its read setting.
    assertEquals(
        LocalDate.of(1500, 3, 1),
        spark().read().parquet(file.toString()).collectAsList().get(0).getAs("on"));
  }

  @Test
  void theFileAppearsOnlyWhenClosedAndAnAbortLeavesNothing() throws Exception {
    Path target = dir.resolve("out/part-00000.snappy.parquet");
    Path writing = dir.resolve(".writing");
    StoredParquet out =
        StoredParquet.create(
            target.toUri().toString(),
            writing.toUri().toString(),
            SCHEMA,
            spark().version(),
            new Configuration(false));
    out.write(FULL);
    assertFalse(Files.exists(target));
    out.abort();
    assertFalse(Files.exists(target));
    try (var left = Files.list(writing)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void aSecondWriteOfTheSameFileReplacesTheFirstAsARetriedTaskDoes() throws Exception {
    write(FULL, NULLS);
    Path file = write(NULLS);
    List<Row> rows = ParquetRows.read(file.getParent()).rows();
    assertEquals(1, rows.size());
    assertEquals(8, rows.get(0).getInt(0));
  }

  @Test
  void aNullInARequiredColumnOrAValueOfTheWrongTypeIsRefused() throws Exception {
    Object[] noLine = NULLS.clone();
    noLine[0] = null;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> write(noLine));
    assertEquals("line is null", e.getMessage());
    Object[] textYear = NULLS.clone();
    textYear[2] = "2025";
    e = assertThrows(IllegalArgumentException.class, () -> write(textYear));
    assertEquals("year: java.lang.String is not a IntegerType", e.getMessage());
  }

  @Test
  void noColumnCarriesMinAndMaxStatisticsAndSparkStillFiltersByMonth() throws Exception {
    StructType monthly =
        new StructType()
            .add("line", DataTypes.IntegerType, false)
            .add("period", DataTypes.StringType, true)
            .add("credit_code", DataTypes.StringType, true)
            .add("quantity", DataTypes.createDecimalType(28, 6), true);
    Path target =
        write(
            dir.resolve("monthly/part-00000.snappy.parquet"),
            monthly,
            new Object[] {2, "2025-03", "912105020000000001", new BigDecimal("1.5")},
            new Object[] {3, "2025-01", "912105020000000002", null});
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(target))) {
      List<ColumnChunkMetaData> columns = reader.getFooter().getBlocks().get(0).getColumns();
      assertEquals(4, columns.size());
      for (ColumnChunkMetaData column : columns) {
        assertFalse(column.getStatistics().hasNonNullValue(), column.getPath().toString());
      }
    }
    // Spark still reads by month: the filter is answered from the rows.
    assertEquals(
        List.of(3),
        spark()
            .read()
            .parquet(target.toString())
            .filter("period = '2025-01'")
            .select("line")
            .collectAsList()
            .stream()
            .map(r -> r.getInt(0))
            .toList());
  }

  @Test
  void decimalsTakeSparksPhysicalTypeForTheirPrecision() {
    String parquet = StoredParquet.messageType(SCHEMA).toString();
    assertTrue(parquet.contains("required int32 line;"), parquet);
    assertTrue(parquet.contains("optional binary name (STRING);"), parquet);
    assertTrue(
        parquet.contains("optional fixed_len_byte_array(12) amount (DECIMAL(28,6));"), parquet);
    assertTrue(parquet.contains("optional int32 small (DECIMAL(9,2));"), parquet);
    assertTrue(parquet.contains("optional int64 mid (DECIMAL(18,3));"), parquet);
    assertTrue(parquet.contains("optional int32 on (DATE);"), parquet);
    assertEquals(12, StoredParquet.bytesFor(28));
    assertEquals(4, StoredParquet.bytesFor(9));
    assertEquals(8, StoredParquet.bytesFor(18));
  }
}
