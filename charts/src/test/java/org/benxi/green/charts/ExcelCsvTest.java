package org.benxi.green.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExcelCsvTest {
  @Test
  void writesBomQuotesAndNeutralisesFormulasButNotNumbers() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ExcelCsv csv = new ExcelCsv(out, List.of("value", "note"))) {
      csv.row(List.of("-3.5", "=HYPERLINK(\"x\")"));
      csv.row(Arrays.asList(null, "@SUM(A1)"));
      csv.row(List.of("12", "a,b"));
      csv.row(List.of("+1e3", "-abc"));
    }
    assertEquals(
        "\uFEFFvalue,note\n"
            + "-3.5,\"'=HYPERLINK(\"\"x\"\")\"\n"
            + "\"\",'@SUM(A1)\n" // an empty first field is quoted so the line is not blank
            + "12,\"a,b\"\n"
            + "+1e3,'-abc\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void headerCellsAreNeutralisedToo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ExcelCsv csv = new ExcelCsv(out, List.of("indicator_id", "=1+1_value", "@x"))) {
      csv.row(List.of("a", "1", "2"));
    }
    assertEquals(
        "\uFEFFindicator_id,'=1+1_value,'@x\na,1,2\n", out.toString(StandardCharsets.UTF_8));
  }
}
