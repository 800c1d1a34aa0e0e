package org.benxi.green.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.benxi.green.jobs.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest extends SparkTestBase {
  private static final Path CORPUS = Path.of("src", "test", "resources", "faults");

  private static String run(String source, LocalDate received, long expectedProblems) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long problems =
        ValidateCommand.validate(
            spark(),
            CORPUS,
            source,
            received,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(expectedProblems, problems);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsEachProblemAsFileLineColumnReasonAndValue() {
    String out = run("energy", LocalDate.of(2024, 3, 1), 1);
    assertTrue(
        out.startsWith(
            "raw/energy/received=2024-03-01/bad_credit_code.csv:4: credit_code: bad_credit_code"
                + " (统一社会信用代码格式或校验位错误(GB 32100-2015) / credit code malformed or wrong"
                + " check character (GB 32100-2015)): 91350100M000100Y44\n"),
        out);
    assertTrue(
        out.endsWith("Checked 1 files, 3 rows: 1 rows would be rejected; 0 warnings.\n"), out);
  }

  @Test
  void aCleanDropHasNoProblem() {
    String out = run("enterprises", LocalDate.of(2024, 1, 5), 0);
    assertEquals("Checked 1 files, 2 rows: no row would be rejected; 0 warnings.\n", out);
  }

  @Test
  void hiddenNamesAreReadAndChecked() {
    String out = run("energy", LocalDate.of(2024, 4, 10), 2);
    assertTrue(
        out.contains("raw/energy/received=2024-04-10/.energy_dot.csv:3: quantity: negative_value"),
        out);
    assertTrue(out.contains("raw/energy/received=2024-04-10/..csv:2: quantity: negative_value"));
    assertTrue(
        out.endsWith("Checked 2 files, 3 rows: 2 rows would be rejected; 0 warnings.\n"), out);
  }

  @Test
  void hostileFilesGiveOneLineEachAndTheRestIsStillChecked(@TempDir Path dir) throws IOException {
    Path data = dir.resolve("data");
    Path register = data.resolve("raw/enterprises/received=2024-01-05/register.csv");
    Files.createDirectories(register.getParent());
    Files.copy(CORPUS.resolve("raw/enterprises/received=2024-01-05/register.csv"), register);
    Path drop = Files.createDirectories(data.resolve("raw/energy/received=2024-03-01"));
    String header = "credit_code,period,energy_code,quantity,unit\n";
    String code = "91350100M000100Y43";
    Files.writeString(
        drop.resolve("a_long.csv"),
        header + code + ",2024-01,coke," + "9".repeat(5_000_000) + ",t\n");
    Files.writeString(
        drop.resolve("b_multiline.csv"), header + code + ",2024-01,\"coke\nline 2\",1,t\n");
    Files.write(
        drop.resolve("c_nul.csv"),
        (header + code + ",2024-01,heat,1,gj\n" + code + ",2024-01,co\0ke,1,t\n")
            .getBytes(StandardCharsets.UTF_8));
    byte[] binary = new byte[4096];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    Files.write(drop.resolve("d_binary.csv"), binary);
    Files.writeString(drop.resolve("e_quote.csv"), header + code + ",2024-01,\"lpg,1,t\n");
    Files.writeString(drop.resolve("f:colon.csv"), header + code + ",2024-01,diesel,-1,t\n");
    Files.writeString(drop.resolve("g_header_only.csv"), header);
    Files.writeString(drop.resolve("h_empty.csv"), "");
    Files.writeString(drop.resolve("notes.txt"), "a note");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long problems =
        ValidateCommand.validate(
            spark(), data, "energy", null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String e = "raw/energy/received=2024-03-01/";
    assertEquals(
        List.of(
            e + "notes.txt: not read: not a .csv file",
            e + "g_header_only.csv: notice: a header and no data rows; nothing to read",
            e + "h_empty.csv: notice: an empty file (0 bytes); nothing to read",
            e
                + "a_long.csv:2: quantity: value_too_long (单元格超过1000个字符 / a cell is longer"
                + " than 1000 characters): "
                + "9".repeat(80)
                + "…",
            e
                + "b_multiline.csv:2: energy_code: unknown_energy_code (能源品种代码不在能源折算系数表中"
                + " / energy code is not in reference/energy_factors.csv): coke\\nline 2",
            e
                + "c_nul.csv:3: : bad_encoding (该行不是文件编码(UTF-8或GB18030)的有效文本 / the line is"
                + " not valid text in the file's encoding (UTF-8 or GB18030)): a NUL byte: "
                + code
                + ",2024-01,co\\x00ke,1,t",
            e
                + "d_binary.csv:1: : binary_file (文件不是CSV文本(二进制数据或Excel工作簿) / the file is not"
                + " CSV text (binary data or an Excel workbook)): binary data (16 NUL bytes on 16"
                + " lines)",
            e
                + "e_quote.csv:2: : unterminated_quote (引号未闭合 / a quoted field is never closed): "
                + code
                + ",2024-01,\"lpg,1,t",
            e
                + "f:colon.csv:2: quantity: negative_value (数值不能为负 / value must not be negative):"
                + " -1",
            "Checked 8 files, 7 rows: 6 rows would be rejected; 1 file not read; 0 warnings."),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
    assertEquals(7, problems);
  }

  @Test
  void oldMacLineEndsInvisibleCharactersOddPathsAndOversizedFiles(@TempDir Path dir)
      throws IOException {
    Path data = dir.resolve("my data%");
    Path register = data.resolve("raw/enterprises/received=2024-01-05/register.csv");
    Files.createDirectories(register.getParent());
    Files.copy(CORPUS.resolve("raw/enterprises/received=2024-01-05/register.csv"), register);
    Path drop = Files.createDirectories(data.resolve("raw/energy/received=2024-03-01"));
    String code = "91350100M000100Y43";
    Files.writeString(
        drop.resolve("50% mac.csv"),
        "credit_code,period,energy_code,quantity,unit\r"
            + code
            + ",2024-01,coke,1,t\r"
            + code
            + ",2024-01,lpg,-1,t\r");
    Files.writeString(
        drop.resolve("zero_width.csv"),
        "credit_code,period,energy_code,quantity,unit\n" + code + "\u200B,2024-01,coke,1,t\n");
    try (var sparse = new java.io.RandomAccessFile(drop.resolve("huge.csv").toFile(), "rw")) {
      sparse.setLength((1L << 30) + 1);
    }

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long problems =
        ValidateCommand.validate(
            spark(), data, "energy", null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String e = "raw/energy/received=2024-03-01/";
    assertEquals(
        List.of(
            e
                + "50% mac.csv:3: quantity: negative_value (数值不能为负 / value must not be"
                + " negative): -1",
            e
                + "huge.csv:1: : unreadable_file (文件无法读取 / the file cannot be read):"
                + " 1073741825 bytes, more than the 1 GiB a drop file may hold; split it",
            e
                + "zero_width.csv:2: credit_code: bad_credit_code (统一社会信用代码格式或校验位错误(GB"
                + " 32100-2015) / credit code malformed or wrong check character (GB 32100-2015)): "
                + code
                + "\\u200B",
            "Checked 3 files, 4 rows: 3 rows would be rejected; 0 warnings."),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
    assertEquals(3, problems);
  }
}
