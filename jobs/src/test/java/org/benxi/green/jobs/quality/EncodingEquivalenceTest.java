package org.benxi.green.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.MonthlyJob;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.ingest.DropScanner;
import org.benxi.green.jobs.ingest.HeaderNames;
import org.benxi.green.jobs.ingest.RawText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same content as UTF-8, UTF-8 with BOM or GB18030, with English or Chinese headers. */
class EncodingEquivalenceTest extends SparkTestBase {
  private static final Path SAMPLE = Path.of("..", "datasets", "sample");
  private static final Map<String, SourceSchema> SCHEMAS = SourceSchema.shipped();

  /** Copies the sample, rewriting every header and re-encoding every file. */
  private static Path variant(Path dir, Charset charset, boolean bom, boolean chinese)
      throws IOException {
    try (Stream<Path> files = Files.walk(SAMPLE.resolve("raw"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = SAMPLE.relativize(file);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, RawText.decode(bytes).charset()).replace("\uFEFF", "");
        int end = text.indexOf('\n');
        SourceSchema schema = SCHEMAS.get(relative.getName(1).toString());
        List<String> header = new ArrayList<>();
        for (String cell : text.substring(0, end).replace("\r", "").split(",")) {
          String normalized = HeaderNames.normalize(cell);
          SourceSchema.Column column =
              schema.columns().stream()
                  .filter(
                      c ->
                          HeaderNames.normalize(c.name()).equals(normalized)
                              || HeaderNames.normalize(c.alias()).equals(normalized))
                  .findFirst()
                  .orElseThrow();
          header.add(chinese ? column.alias() : column.name());
        }
        String rewritten = String.join(",", header) + text.substring(end).replace("\r", "");
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        byte[] out = rewritten.getBytes(charset);
        if (bom) {
          byte[] withBom = new byte[out.length + 3];
          withBom[0] = (byte) 0xEF;
          withBom[1] = (byte) 0xBB;
          withBom[2] = (byte) 0xBF;
          System.arraycopy(out, 0, withBom, 3, out.length);
          out = withBom;
        }
        Files.write(target, out);
      }
    }
    return dir;
  }

  /** Every mart's rows, sorted, as text. */
  private static List<String> marts(Path root) {
    Map<String, SourceSchema> schemas = SCHEMAS;
    var files =
        DropScanner.scan(
                root.toAbsolutePath().toString(),
                null,
                schemas.keySet(),
                spark().sparkContext().hadoopConfiguration())
            .files();
    Map<String, Dataset<Row>> marts =
        MonthlyJob.transform(
            spark(),
            files,
            schemas,
            ReferenceData.shipped(),
            IndicatorCatalog.shipped(),
            YearMonth.of(2021, 6),
            ProgressLine.silent());
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, Dataset<Row>> mart : marts.entrySet()) {
      for (Row r : mart.getValue().collectAsList()) {
        rows.add(mart.getKey() + " " + r.mkString("|"));
      }
    }
    rows.sort(String::compareTo);
    return rows;
  }

  @Test
  void encodingAndHeaderLanguageDoNotChangeAnyMart(@TempDir Path dir) throws IOException {
    List<String> utf8English =
        marts(variant(dir.resolve("utf8"), StandardCharsets.UTF_8, false, false));
    List<String> bomChinese =
        marts(variant(dir.resolve("bom"), StandardCharsets.UTF_8, true, true));
    List<String> gbChinese =
        marts(variant(dir.resolve("gb"), Charset.forName("GB18030"), false, true));
    assertEquals(utf8English, bomChinese);
    assertEquals(utf8English, gbChinese);
  }
}
