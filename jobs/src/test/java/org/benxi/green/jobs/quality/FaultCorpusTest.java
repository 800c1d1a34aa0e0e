package org.benxi.green.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.CsvTable;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.MonthlyJob;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.ingest.DropScanner;
import org.benxi.green.jobs.ingest.SourceFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault corpus (src/test/resources/faults): one drop file per fault kind, each with its bad row
 * at a known physical line; expected.csv lists every reject the corpus must produce.
 */
class FaultCorpusTest extends SparkTestBase {
  private static final Path CORPUS = Path.of("src", "test", "resources", "faults");
  private static Set<String> rejects;
  private static MonthlyJob.Staging staging;

  @BeforeAll
  static void stageTheCorpus() {
    Map<String, SourceSchema> schemas = SourceSchema.shipped();
    List<SourceFile> files =
        DropScanner.scan(
                CORPUS.toAbsolutePath().toString(),
                null,
                schemas.keySet(),
                spark().sparkContext().hadoopConfiguration())
            .files();
    staging =
        MonthlyJob.stage(
            MonthlyJob.bySource(
                MonthlyJob.parse(spark(), files, schemas, ReferenceData.shipped()), schemas),
            schemas,
            ProgressLine.silent());
    rejects =
        staging.rejects().collectAsList().stream()
            .map(FaultCorpusTest::key)
            .collect(Collectors.toSet());
  }

  private static String key(Row r) {
    return r.getAs("file")
        + ":"
        + r.getAs("line")
        + " "
        + r.getAs("column")
        + " "
        + r.getAs("reason");
  }

  private static List<Map<String, String>> expected() {
    return CsvTable.file(CORPUS.resolve("expected.csv")).rows();
  }

  @TestFactory
  Stream<DynamicTest> everyFaultIsRejectedWithItsReasonColumnAndLine() {
    return expected().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.get("fault") + " -> " + e.get("reason"),
                    () -> {
                      String wanted =
                          e.get("file")
                              + ":"
                              + e.get("line")
                              + " "
                              + e.get("column")
                              + " "
                              + e.get("reason");
                      assertTrue(rejects.contains(wanted), wanted + " not among " + rejects);
                    }));
  }

  @Test
  void theCorpusCoversThirtyDistinctReasonsAndNothingElseIsRejected() {
    assertTrue(expected().stream().map(e -> e.get("reason")).distinct().count() >= 30);
    assertEquals(expected().size(), rejects.size(), "no reject beyond the expected ones");
  }

  @Test
  void everyRowReadIsAcceptedOrRejected() {
    for (String source : SourceSchema.shipped().keySet()) {
      long read = staging.parsed().filter(col("src").equalTo(source)).count();
      long accepted = staging.outcomes().get(source).filter(col("reject_reason").isNull()).count();
      long rejected = staging.rejects().filter(col("source").equalTo(source)).count();
      assertEquals(read, accepted + rejected, source);
    }
  }
}
