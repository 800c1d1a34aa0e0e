package org.benxi.green.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.ingest.ParseJob;
import org.benxi.green.jobs.ingest.RawCsvReader;
import org.benxi.green.jobs.ingest.RawRow;
import org.benxi.green.jobs.ingest.RowValidator;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.ingest.StagingSchemas;
import org.benxi.green.jobs.marts.MonthlyInputs;

/** Small staged inputs written as CSV text, typed by the real reader and validator. */
public final class Fixtures {
  /** Valid GB 32100 codes for fixture enterprises. */
  public static final String E1 = "91350100M000100Y43";

  public static final String E2 = "91110000600037341L";

  public static final String E3 = "91210502000000001Y";

  private static final Map<String, SourceSchema> SCHEMAS = SourceSchema.shipped();

  private Fixtures() {}

  /** Staged rows of {@code source} from CSV text with a header; any reject fails the fixture. */
  public static Dataset<Row> staged(
      SparkSession spark, ReferenceData reference, String source, String csv) {
    SourceSchema schema = SCHEMAS.get(source);
    RowValidator validator = new RowValidator(schema, reference);
    Iterator<RawRow> rows = RawCsvReader.read(csv.getBytes(StandardCharsets.UTF_8), schema).rows();
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      RawRow raw = rows.next();
      RowValidator.Result r = validator.validate(raw);
      if (!r.accepted()) {
        throw new IllegalArgumentException(
            "fixture line " + raw.line() + " rejected: " + r.reject());
      }
      Object[] values = new Object[schema.columns().size() + 3];
      values[0] = "raw/" + source + "/received=2020-01-01/fixture.csv";
      values[1] = raw.line();
      values[2] = LocalDate.of(2020, 1, 1);
      System.arraycopy(r.values(), 0, values, 3, schema.columns().size());
      out.add(RowFactory.create(values));
    }
    return spark.createDataFrame(out, StagingSchemas.staged(schema));
  }

  /** An empty staged frame of {@code source}. */
  public static Dataset<Row> empty(SparkSession spark, String source) {
    return spark.createDataFrame(List.of(), StagingSchemas.staged(SCHEMAS.get(source)));
  }

  /** Inputs with the given staged sources and empty frames for the others. */
  public static MonthlyInputs inputs(SparkSession spark, Map<String, Dataset<Row>> given) {
    Map<String, Dataset<Row>> all = new LinkedHashMap<>();
    for (String source : SCHEMAS.keySet()) {
      all.put(source, given.getOrDefault(source, empty(spark, source)));
    }
    Dataset<Row> programs = all.get("programs");
    org.apache.spark.sql.Column derived =
        org.apache.spark.sql.functions.least(
            org.apache.spark.sql.functions.col("received"),
            org.apache.spark.sql.functions.col("completed_on"));
    programs =
        programs.withColumn(
            "started_on",
            List.of(programs.columns()).contains("started_on")
                ? org.apache.spark.sql.functions.coalesce(
                    org.apache.spark.sql.functions.col("started_on"), derived)
                : derived);
    all.put("programs", programs);
    return new MonthlyInputs(all);
  }

  /** An enterprise register of E1 (210502, steel), E2 (210503, pharma), E3 (210504, mining). */
  public static Dataset<Row> enterprises(SparkSession spark, ReferenceData reference) {
    return staged(
        spark,
        reference,
        "enterprises",
        "credit_code,name,county_code,industry_code,park_code,above_designated_size\n"
            + E1
            + ",钢铁,210502,3120,,Y\n"
            + E2
            + ",制药,210503,2720,,Y\n"
            + E3
            + ",铁矿,210504,0810,,N\n");
  }

  /** Raw files written to a new data root under {@code dir}, as the parse job's file list. */
  public static Dataset<Row> files(SparkSession spark, Path dir, Map<String, String> pathToCsv) {
    try {
      Path root = Files.createTempDirectory(dir, "data");
      List<SourceFile> files = new ArrayList<>();
      for (Map.Entry<String, String> e : pathToCsv.entrySet()) {
        Path file = root.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        String[] parts = e.getKey().split("/");
        files.add(
            new SourceFile(
                parts[1],
                LocalDate.parse(parts[2].substring("received=".length())),
                e.getKey(),
                file.toUri().toString()));
      }
      return ParseJob.files(spark, files, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
