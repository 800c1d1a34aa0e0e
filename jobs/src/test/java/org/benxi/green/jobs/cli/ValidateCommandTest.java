package org.benxi.green.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.benxi.green.jobs.SparkTestBase;
import org.junit.jupiter.api.Test;

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
}
