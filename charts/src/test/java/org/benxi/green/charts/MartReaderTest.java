package org.benxi.green.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** A real Parquet file (Spark's encodings: decimal as fixed bytes, date, string) read back. */
class MartReaderTest {
  @TempDir Path dir;

  @Test
  void readsEveryColumnKindAndKeepsNullsMissing() throws Exception {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message spark_schema {"
                + " required binary county_code (STRING);"
                + " optional fixed_len_byte_array(12) tce (DECIMAL(28,6));"
                + " optional int32 units;"
                + " optional int64 rows;"
                + " optional int32 certified_on (DATE);"
                + " optional double value;"
                + " optional boolean bulk; }");
    Path mart = Files.createDirectories(dir.resolve("marts/energy"));
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    Group full = groups.newGroup();
    full.add("county_code", "210502");
    full.add("tce", Binary.fromConstantByteArray(fixed(new BigDecimal("1234.500001"), 12)));
    full.add("units", 3);
    full.add("rows", 40_000_000_000L);
    full.add("certified_on", (int) LocalDate.of(2021, 3, 8).toEpochDay());
    full.add("value", 75.25);
    full.add("bulk", true);
    Group empty = groups.newGroup();
    empty.add("county_code", "210505");
    writePart(mart, schema, full, empty);
    Files.writeString(mart.resolve("_SUCCESS"), "");

    Table t = MartReader.read(mart, "energy");
    assertEquals(2, t.rowCount());
    assertEquals("210502", t.stringColumn("county_code").get(0));
    assertEquals(1234.500001, t.doubleColumn("tce").get(0), 1e-9);
    assertEquals(3, t.intColumn("units").get(0));
    assertEquals(40_000_000_000L, t.longColumn("rows").get(0));
    assertEquals(LocalDate.of(2021, 3, 8), t.dateColumn("certified_on").get(0));
    assertEquals(75.25, t.doubleColumn("value").get(0));
    assertTrue(t.booleanColumn("bulk").get(0));
    for (String column : new String[] {"tce", "units", "rows", "certified_on", "value", "bulk"}) {
      assertTrue(t.column(column).isMissing(1), column + " stays missing, never zero");
    }
  }

  @Test
  void readsOnlyTheColumnsAskedForInTheirOrderAndNamesOneTheMartLacks() throws Exception {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message spark_schema { required binary credit_code (STRING);"
                + " required binary county_code (STRING); optional double tce; }");
    Path mart = Files.createDirectories(dir.resolve("marts/energy_enterprise_month"));
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    writePart(
        mart,
        schema,
        groups.newGroup().append("credit_code", "A").append("county_code", "210502"),
        groups
            .newGroup()
            .append("credit_code", "B")
            .append("county_code", "210505")
            .append("tce", 2.5));

    Table t = MartReader.read(mart, "energy_enterprise_month", List.of("tce", "credit_code"));
    assertEquals(List.of("tce", "credit_code"), t.columnNames());
    assertEquals(List.of("A", "B"), t.stringColumn("credit_code").asList());
    assertTrue(t.doubleColumn("tce").isMissing(0));
    assertEquals(2.5, t.doubleColumn("tce").get(1));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> MartReader.read(mart, "energy_enterprise_month", List.of("sector")));
    assertTrue(missing.getMessage().contains("no column sector"), missing.getMessage());
  }

  @Test
  void streamsTotalsAndLabelsByKeyAsTheTableGivesThemAcrossPartFiles() throws Exception {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message spark_schema { optional binary credit_code (STRING);"
                + " optional binary enterprise_name (STRING);"
                + " optional fixed_len_byte_array(12) tce (DECIMAL(28,6)); }");
    Path mart = Files.createDirectories(dir.resolve("marts/energy_enterprise_month"));
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    writePart(
        mart,
        schema,
        row(groups, "91210500BBBB2222", "本溪水泥", "30.5"),
        row(groups, "91210500AAAA1111", "本钢板材", "500.000001"),
        row(groups, "91210500CCCC3333", "本溪水泥", null),
        groups.newGroup().append("credit_code", "91210500DDDD4444"));
    writePart(
        mart,
        "part-00001.parquet",
        schema,
        row(groups, "91210500BBBB2222", "改名", "20"),
        row(groups, "91210500CCCC3333", "本溪水泥", "40"));

    Shapes.KeyTotals streamed = MartReader.totals(mart, "credit_code", "enterprise_name", "tce");
    assertEquals(
        Map.of("91210500AAAA1111", 500.000001, "91210500BBBB2222", 50.5, "91210500CCCC3333", 40.0),
        streamed.totals(),
        "a key whose rows all lack the measure has no total, never zero");
    assertEquals("本溪水泥", streamed.labels().get("91210500BBBB2222"), "the first row's label");
    assertEquals("", streamed.labels().get("91210500DDDD4444"), "a missing label reads as empty");
    assertEquals(
        Shapes.totals(
            MartReader.read(mart, "energy_enterprise_month"),
            "credit_code",
            "enterprise_name",
            "tce"),
        streamed);
    assertEquals(
        List.of("本钢板材", "本溪水泥 …2222", "本溪水泥 …3333"),
        List.copyOf(Shapes.topNamed(streamed, 3).keySet()));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> MartReader.totals(mart, "credit_code", "name", "tce"));
    assertTrue(missing.getMessage().contains("no column name"), missing.getMessage());
  }

  private static Group row(SimpleGroupFactory groups, String code, String name, String tce) {
    Group row = groups.newGroup().append("credit_code", code).append("enterprise_name", name);
    if (tce != null) {
      row.add("tce", Binary.fromConstantByteArray(fixed(new BigDecimal(tce).setScale(6), 12)));
    }
    return row;
  }

  /** Writes {@code rows} as the mart's one part file, as Spark names it. */
  private static void writePart(Path mart, MessageType schema, Group... rows) throws Exception {
    writePart(mart, "part-00000.parquet", schema, rows);
  }

  /** Writes {@code rows} as the mart's part file {@code name}. */
  private static void writePart(Path mart, String name, MessageType schema, Group... rows)
      throws Exception {
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(mart.resolve(name)))
            .withType(schema)
            .build()) {
      for (Group row : rows) {
        writer.write(row);
      }
    }
  }

  private static byte[] fixed(BigDecimal value, int length) {
    byte[] unscaled = value.unscaledValue().toByteArray();
    byte[] out = new byte[length];
    System.arraycopy(unscaled, 0, out, length - unscaled.length, unscaled.length);
    return out;
  }
}
