package org.benxi.green.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.benxi.green.datasets.SourceSchema;
import org.junit.jupiter.api.Test;

class RawCsvReaderTest {
  private static final SourceSchema ENERGY = SourceSchema.shipped().get("energy");
  private static final String CODE = "91350100M000100Y43";

  private static List<RawRow> read(byte[] bytes, List<RawCsvReader.Header> headers) {
    RawCsvReader.Reading reading = RawCsvReader.read(bytes, ENERGY);
    headers.add(reading.header());
    Iterator<RawRow> it = reading.rows();
    List<RawRow> rows = new ArrayList<>();
    it.forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void physicalLinesCountQuotedNewlinesAndCrlf() {
    String csv =
        "credit_code,period,energy_code,quantity,unit\r\n"
            + CODE
            + ",2024-01,coke,\"1,234.5\",t\r\n"
            + "\r\n"
            + CODE
            + ",2024-01,\"diesel\nnote\",2,t\r\n"
            + CODE
            + ",2024-01,lpg,3,t\r\n";
    List<RawRow> rows = read(csv.getBytes(StandardCharsets.UTF_8), new ArrayList<>());
    assertEquals(List.of(2, 4, 6), rows.stream().map(RawRow::line).toList());
    assertEquals("1,234.5", rows.get(0).cells()[3]);
    assertEquals("diesel\nnote", rows.get(1).cells()[2]);
  }

  @Test
  void chineseHeadersWithBomFullWidthBracketsAndBlanksMapToColumns() {
    String csv = "\uFEFF 统一社会信用代码 ,统计期,能源品种代码,消费量,计量单位,备注（内部）\n" + CODE + ",2024-02,coke,5,t,x\n";
    List<RawCsvReader.Header> headers = new ArrayList<>();
    List<RawRow> rows = read(csv.getBytes(StandardCharsets.UTF_8), headers);
    assertArrayEquals(new String[] {CODE, "2024-02", "coke", "5", "t"}, rows.get(0).cells());
    assertEquals(List.of("备注（内部）"), headers.get(0).unknownColumns());
  }

  @Test
  void gb18030IsDetectedWithoutBeingTold() {
    String csv = "统一社会信用代码,统计期,能源品种代码,消费量,计量单位\n" + CODE + ",2024-03,heat,7,gj\n";
    byte[] gbk = csv.getBytes(Charset.forName("GB18030"));
    assertEquals("GB18030", RawText.decode(gbk).encoding());
    assertEquals("heat", read(gbk, new ArrayList<>()).get(0).cells()[2]);
  }

  @Test
  void aValidUtf8FileIsParsedFromItsOwnBytesWithoutACopy() {
    String csv = "\uFEFF统一社会信用代码,统计期,能源品种代码,消费量,计量单位\n" + CODE + ",2024-03,heat,7,gj\n";
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    RawText text = RawText.decode(bytes);
    assertSame(bytes, text.utf8());
    assertEquals(3, text.start());
    assertEquals("heat", read(bytes, new ArrayList<>()).get(0).cells()[2]);
  }

  @Test
  void aBadLineInAUtf8FileIsMarkedAndTheLinesAfterItReadAsSent() {
    byte[] head =
        ("credit_code,period,energy_code,quantity,unit\n" + CODE + ",2024-01,c")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail =
        ("ke,5,t\n" + CODE + ",2024-01,电力,6,t\n" + CODE + ",2024-01,热力,7,t\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xFF;
    System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
    List<RawRow> rows = read(bytes, new ArrayList<>());
    assertEquals("bad_encoding", rows.get(0).reject().reason());
    assertEquals("c\uFFFDke", rows.get(0).cells()[2]);
    assertNull(rows.get(1).reject());
    assertEquals(3, rows.get(1).line());
    assertEquals("电力", rows.get(1).cells()[2]);
    assertEquals("热力", rows.get(2).cells()[2]);
  }

  @Test
  void blankLinesBeforeTheHeaderKeepLineNumbersPhysical() {
    String csv =
        "\n\ncredit_code,period,energy_code,quantity,unit\n" + CODE + ",2024-01,coke,5,t\n";
    assertEquals(4, read(csv.getBytes(StandardCharsets.UTF_8), new ArrayList<>()).get(0).line());
  }

  @Test
  void trailingEmptyColumnsAndRowsAreIgnored() {
    String csv =
        "credit_code,period,energy_code,quantity,unit,,\n"
            + CODE
            + ",2024-01,coke,5,t,,\n"
            + ",,,,,,\n";
    List<RawRow> rows = read(csv.getBytes(StandardCharsets.UTF_8), new ArrayList<>());
    assertEquals(1, rows.size());
    assertNull(rows.get(0).reject());
  }

  @Test
  void aMissingRequiredColumnRejectsEveryRowNamingIt() {
    String csv = "credit_code,period,energy_code,unit\n" + CODE + ",2024-01,coke,t\n";
    RawRow row = read(csv.getBytes(StandardCharsets.UTF_8), new ArrayList<>()).get(0);
    assertEquals("missing_column", row.reject().reason());
    assertEquals("quantity", row.reject().column());
  }

  @Test
  void anExtraNonEmptyFieldIsAWrongFieldCount() {
    String csv = "credit_code,period,energy_code,quantity,unit\n" + CODE + ",2024-01,coke,5,t,9\n";
    RawRow row = read(csv.getBytes(StandardCharsets.UTF_8), new ArrayList<>()).get(0);
    assertEquals("wrong_field_count", row.reject().reason());
    assertEquals(2, row.line());
  }
}
