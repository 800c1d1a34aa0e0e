package org.benxi.green.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.generate.SampleGenerator;
import org.benxi.green.jobs.marts.MartSpec;
import org.benxi.green.jobs.marts.MartSpecs;
import org.benxi.green.jobs.publish.CsvReports;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.ParquetRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} on generated data: contract files, rejects, manifest and an independent check. */
class MonthlyRunEndToEndTest extends SparkTestBase {
  private static final YearMonth PERIOD = YearMonth.of(2021, 12);
  @TempDir static Path dir;
  static Path data;
  static Path warehouse;
  static RunSummary summary;

  @BeforeAll
  static void generateAndRun() {
    data = dir.resolve("data");
    warehouse = dir.resolve("warehouse");
    new SampleGenerator(
            new GeneratorConfig(data, 60, YearMonth.of(2020, 1), PERIOD, 7L), ProgressLine.silent())
        .generate();
    summary = MonthlyRun.run(spark(), config(), ProgressLine.silent());
  }

  private static RunConfig config() {
    return new RunConfig(
        data.toString(),
        warehouse.toString(),
        PERIOD,
        null,
        SETTINGS,
        RunConfig.DEFAULT_MAX_REJECT_RATE);
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFF"), "UTF-8 BOM for Excel");
    try (Reader reader = new java.io.StringReader(text.substring(1))) {
      return CSVFormat.RFC4180.parse(reader).getRecords();
    }
  }

  @Test
  void indicatorsCsvFollowsTheContract() throws IOException {
    List<CSVRecord> rows = csv(warehouse.resolve("reports/2021-12/indicators.csv"));
    assertEquals(CsvReports.INDICATOR_COLUMNS, rows.get(0).toList());
    assertEquals(
        19 * 7, rows.size() - 1, "17 indicators, two under a second plan, x (city + 6 counties)");
    Set<String> statuses = Set.of("achieved", "on_track", "at_risk", "off_track", "missing");
    for (CSVRecord r : rows.subList(1, rows.size())) {
      assertEquals("2021-12", r.get(2));
      assertTrue(statuses.contains(r.get(8)), r.toString());
      assertEquals(r.get(3).isEmpty(), r.get(8).equals("missing"), "empty value iff missing: " + r);
      for (int numeric : new int[] {3, 5, 6, 7, 9}) {
        String cell = r.get(numeric);
        assertTrue(cell.isEmpty() || cell.matches("-?\\d+(\\.\\d+)?"), "plain number: " + cell);
      }
    }
    assertEquals("city", rows.get(1).get(1));
    assertEquals("sei_gdp_share", rows.get(1).get(0));
  }

  @Test
  void everyRejectPointsAtTheLineThatHoldsItsValue() throws IOException {
    List<CSVRecord> rows = csv(warehouse.resolve("reports/2021-12/rejects.csv"));
    assertEquals(MartSpecs.of("quarantine").report().columns(), rows.get(0).toList());
    Map<String, Integer> reasons = new HashMap<>();
    for (CSVRecord r : rows.subList(1, rows.size())) {
      reasons.merge(r.get(4), 1, Integer::sum);
      Path file = data.resolve(r.get(1));
      List<String> lines = Files.readAllLines(file, charsetOf(file));
      String line = lines.get(Integer.parseInt(r.get(2)) - 1);
      String value = r.get(5).contains("|") ? r.get(5).split("\\|")[0] : r.get(5);
      assertTrue(line.contains(value), r + " does not match line: " + line);
    }
    assertEquals(
        Map.of(
            "negative_value", 1,
            "bad_credit_code", 1,
            "unknown_energy_code", 1,
            "unit_not_allowed", 1,
            "unknown_enterprise", 1,
            "duplicate_key", 2,
            "unknown_county", 1,
            "revoked_before_certified", 1,
            "prior_storage_exceeds_utilized", 1,
            "bad_period", 1),
        reasons);
    assertEquals(11, summary.rowsRejected());
  }

  private static Charset charsetOf(Path file) throws IOException {
    return org.benxi.green.jobs.ingest.RawText.decode(Files.readAllBytes(file)).charset();
  }

  @Test
  void dataQualityReportsListCountsAndMissingReporters() throws IOException {
    List<CSVRecord> quality = csv(warehouse.resolve("reports/2021-12/data_quality.csv"));
    assertEquals("source", quality.get(0).get(0));
    long read =
        quality.subList(1, quality.size()).stream().mapToLong(r -> Long.parseLong(r.get(3))).sum();
    assertEquals(summary.rowsRead(), read, "every row read is in some source and county");
    List<CSVRecord> missing = csv(warehouse.resolve("reports/2021-12/missing_reporters.csv"));
    assertTrue(missing.size() > 1, "the generator leaves some reporters late");
    for (CSVRecord r : missing.subList(1, missing.size())) {
      assertEquals("2021-11", r.get(4), "late in the last month only: " + r);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void manifestCountsEveryFileAndEveryRow() throws IOException {
    Path runs = warehouse.resolve("runs");
    Path manifest;
    try (Stream<Path> s = Files.list(runs)) {
      manifest =
          s.filter(p -> p.getFileName().toString().equals(summary.runId()))
              .findFirst()
              .orElseThrow()
              .resolve("manifest.json");
    }
    Map<String, Object> parsed = (Map<String, Object>) Json.read(Files.readString(manifest));
    List<Map<String, Object>> inputs = (List<Map<String, Object>>) parsed.get("inputs");
    long files;
    try (Stream<Path> s = Files.walk(data.resolve("raw"))) {
      files = s.filter(Files::isRegularFile).count();
    }
    assertEquals(files, inputs.size());
    long rowsRead = 0;
    for (Map<String, Object> input : inputs) {
      long read = ((Number) input.get("read")).longValue();
      long accepted = ((Number) input.get("accepted")).longValue();
      long rejected = ((Number) input.get("rejected")).longValue();
      assertEquals(read, accepted + rejected, input.toString());
      assertEquals(64, ((String) input.get("sha256")).length(), input.toString());
      rowsRead += read;
    }
    assertEquals(summary.rowsRead(), rowsRead);
    long dataLines = 0; // the generator writes no line breaks inside cells
    try (Stream<Path> s = Files.walk(data.resolve("raw"))) {
      for (Path file : s.filter(Files::isRegularFile).toList()) {
        dataLines +=
            Files.readAllLines(file, charsetOf(file)).stream().filter(l -> !l.isBlank()).count()
                - 1;
      }
    }
    assertEquals(dataLines, rowsRead);
    Object width = ((Map<String, Object>) parsed.get("config")).get("shuffle_partitions");
    assertEquals(
        1,
        ((Number) width).intValue(),
        "a city-size run without --shuffle-partitions shuffles into one");
  }

  @Test
  void forestCoverageMatchesAnIndependentComputationFromTheRawFiles() throws IOException {
    // For each county, the latest inventory year <= 2021 from the raw forest drops.
    Map<String, String[]> latest = new HashMap<>();
    try (Stream<Path> s = Files.walk(data.resolve("raw/forest"))) {
      for (Path file : s.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(file), charsetOf(file));
        List<CSVRecord> records =
            CSVFormat.RFC4180.parse(new java.io.StringReader(text)).getRecords();
        for (CSVRecord r : records.subList(1, records.size())) {
          int year = Integer.parseInt(r.get(1));
          String[] held = latest.get(r.get(0));
          if (year <= 2021 && (held == null || Integer.parseInt(held[1]) < year)) {
            latest.put(r.get(0), new String[] {r.get(0), r.get(1), r.get(2), r.get(3)});
          }
        }
      }
    }
    BigDecimal land = BigDecimal.ZERO;
    BigDecimal forest = BigDecimal.ZERO;
    for (String[] r : latest.values()) {
      land = land.add(new BigDecimal(r[2]));
      forest = forest.add(new BigDecimal(r[3]));
    }
    String expected =
        forest
            .multiply(BigDecimal.valueOf(100))
            .divide(land, 4, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
    String published =
        csv(warehouse.resolve("reports/2021-12/indicators.csv")).stream()
            .filter(r -> r.get(0).equals("forest_coverage") && r.get(1).equals("city"))
            .findFirst()
            .orElseThrow()
            .get(3);
    assertEquals(expected, published);
  }

  @Test
  void everyMartHasItsSpecsColumnsAUniqueGrainAndNoNullWhereItDeclaresNone() {
    for (MartSpec spec : MartSpecs.all()) {
      ParquetRows.Table mart =
          ParquetRows.read(
              warehouse.resolve("marts").resolve(spec.name()).resolve("period=2021-12"));
      spec.check(mart.schema());
      List<String> names = List.of(mart.schema().fieldNames());
      assertFalse(mart.rows().isEmpty(), spec.name() + " has rows on the sample data");
      Set<List<Object>> keys = new java.util.HashSet<>();
      for (Row r : mart.rows()) {
        List<Object> key = new java.util.ArrayList<>();
        spec.grain().forEach(g -> key.add(r.get(names.indexOf(g))));
        assertTrue(keys.add(key), spec.name() + ": grain " + spec.grain() + " repeats " + key);
        for (String column : spec.notNull()) {
          assertTrue(r.get(names.indexOf(column)) != null, spec.name() + "." + column + " in " + r);
        }
      }
    }
  }

  @Test
  void martsAreHivePartitionsAnyParquetReaderCanRead() {
    Dataset<Row> progress =
        spark().read().parquet(warehouse.resolve("marts/indicator_progress").toString());
    assertEquals(19 * 7, progress.filter("period = '2021-12'").count());
    Dataset<Row> energy =
        spark().read().parquet(warehouse.resolve("marts/energy_enterprise_month").toString());
    assertTrue(energy.count() > 0);
    assertEquals(
        Set.of("2021-12"),
        energy.select("period").distinct().collectAsList().stream()
            .map(r -> r.get(0).toString())
            .collect(Collectors.toSet()));
  }

  @Test
  void rerunningThePeriodKeepsTheEarlierPublicationAndGivesTheSameBytes() throws IOException {
    byte[] before = Files.readAllBytes(warehouse.resolve("reports/2021-12/indicators.csv"));
    RunSummary again = MonthlyRun.run(spark(), config(), ProgressLine.silent());
    byte[] after = Files.readAllBytes(warehouse.resolve("reports/2021-12/indicators.csv"));
    assertArrayEquals(before, after);
    assertTrue(
        Files.isRegularFile(
            warehouse.resolve(
                "publications/2021-12/" + summary.runId() + "/reports/indicators.csv")));
    assertTrue(Files.isRegularFile(warehouse.resolve("runs/" + again.runId() + "/manifest.json")));
    assertEquals(outputHashes(summary.runId()), outputHashes(again.runId()));
    assertTrue(
        Files.readString(warehouse.resolve("reports/2021-12/publication.json"))
            .contains("\"previous_run_id\": \"" + summary.runId() + "\""));
  }

  @Test
  void duckDbRecomputesTheEnergyMartFromTheDropStoreExactly() throws Exception {
    var schemas = org.benxi.green.datasets.SourceSchema.shipped();
    var reference = org.benxi.green.datasets.ReferenceData.load(data);
    var store =
        new org.benxi.green.jobs.ingest.DropStore(warehouse.resolve("ingest"), schemas, reference);
    var files =
        org.benxi.green.jobs.ingest.DropScanner.scan(
                data.toString(),
                null,
                schemas.keySet(),
                spark().sparkContext().hadoopConfiguration())
            .files();
    var ingested = store.ingest(spark(), files, ProgressLine.silent());
    assertEquals(0, ingested.parsed(), "every drop was ingested by the run");
    assertEquals(0, ingested.hashed(), "and is known to the ledger");
    var duck =
        org.benxi.green.jobs.bench.DuckDbEnergy.run(
            store,
            ingested.drops(),
            reference,
            PERIOD,
            warehouse.resolve("marts/energy_sector_month/period=" + PERIOD));
    assertEquals(
        spark()
            .read()
            .parquet(warehouse.resolve("marts/energy_sector_month/period=" + PERIOD).toString())
            .count(),
        duck.martRows());
    assertTrue(duck.martRows() > 100, "rows: " + duck.martRows());
    assertEquals(0, duck.differences());
    assertEquals(2, duck.runSeconds().size(), "the bench's ratios take the faster of two runs");
    assertEquals(Collections.min(duck.runSeconds()), duck.seconds());
  }

  @Test
  void chartReportShowsEveryIndicatorAndEveryChartWithoutTheNetwork() throws IOException {
    Path reports = warehouse.resolve("reports/2021-12");
    String html = Files.readString(reports.resolve("index.html"), StandardCharsets.UTF_8);
    for (var def : org.benxi.green.datasets.IndicatorCatalog.shipped().indicators()) {
      assertTrue(html.contains("data-indicator=\"" + def.id() + "\""), def.id());
      assertTrue(html.contains(def.nameZh()), def.nameZh());
    }
    List<Path> pngs;
    try (Stream<Path> s = Files.list(reports.resolve("charts"))) {
      pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertEquals(17 + 12, pngs.size(), "a trend per indicator and twelve other charts");
    for (Path png : pngs) {
      String name = png.getFileName().toString().replace(".png", "");
      assertTrue(html.contains("data-chart=\"" + name + "\""), name);
      assertTrue(Files.size(reports.resolve("charts/" + name + ".svg")) > 1000, name + ".svg");
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
      assertEquals(1000, image.getWidth());
      assertEquals(name.equals("county_multiples") ? 1100 : 560, image.getHeight());
    }
    assertFalse(html.contains("http://") || html.contains("https://"), "no network use");
    assertTrue(html.contains("数据截至 2022-01-"), "the manifest summary names the as-of");
  }

  @Test
  void countyTableHasEveryIndicatorWithTheCityAndEachCounty() throws IOException {
    List<CSVRecord> rows = csv(warehouse.resolve("reports/2021-12/county_table.csv"));
    assertEquals(
        List.of(
            "indicator_id", "name_zh", "name_en", "unit", "target", "city_value", "city_status"),
        rows.get(0).toList().subList(0, 7));
    assertEquals(7 + 6 * 2, rows.get(0).size(), "value and status for six counties");
    assertEquals(17, rows.size() - 1);
    Map<String, String> cityValues = new HashMap<>();
    for (CSVRecord r : csv(warehouse.resolve("reports/2021-12/indicators.csv"))) {
      if (r.get(1).equals("city")) {
        cityValues.put(r.get(0), r.get(3));
      }
    }
    for (CSVRecord r : rows.subList(1, rows.size())) {
      String value = r.get(5);
      String published = cityValues.get(r.get(0));
      assertEquals(
          published.isEmpty(), value.isEmpty(), "missing stays empty, never zero: " + r.get(0));
      if (!value.isEmpty()) {
        assertEquals(Double.parseDouble(published), Double.parseDouble(value), 0.005, r.get(0));
      }
    }
  }

  @Test
  void chromiumOpensTheReportAndPrintsItOnA4() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium is installed by .ci/setup");
    Path pdf = dir.resolve("report.pdf");
    Process chromium =
        new ProcessBuilder(
                "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--no-pdf-header-footer",
                "--print-to-pdf=" + pdf,
                warehouse.resolve("reports/2021-12/index.html").toUri().toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(chromium.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), out);
    assertEquals(0, chromium.exitValue(), out);
    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    assertTrue(text.startsWith("%PDF-"), "a PDF");
    java.util.regex.Matcher box =
        java.util.regex.Pattern.compile("/MediaBox \\[0 0 (\\d+(\\.\\d+)?) (\\d+(\\.\\d+)?)\\]")
            .matcher(text);
    assertTrue(box.find(), "pages have a media box");
    assertEquals(595, Math.round(Double.parseDouble(box.group(1))), "A4 width in points");
    assertEquals(842, Math.round(Double.parseDouble(box.group(3))), "A4 height in points");
    long pages = java.util.regex.Pattern.compile("/Type /Page\\b").matcher(text).results().count();
    assertTrue(pages >= 5, "the whole report printed: " + pages + " pages");
  }

  @Test
  void everyNotebookRunsTopToBottomAgainstThePublishedWarehouse() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/jupyter-nbconvert")),
        "Debian's Jupyter is installed by .ci/setup");
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    Path out = Files.createDirectories(dir.resolve("notebooks-out"));
    ProcessBuilder run =
        new ProcessBuilder("bash", root.resolve("notebooks/run").toString(), "--execute")
            .redirectErrorStream(true);
    run.environment().put("GREEN_WAREHOUSE", warehouse.toString());
    run.environment().put("GREEN_CLASSPATH", System.getProperty("surefire.test.class.path"));
    run.environment().put("GREEN_NOTEBOOK_OUT", out.toString());
    Process process = run.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES), log);
    assertEquals(0, process.exitValue(), log);
    String review = Files.readString(out.resolve("01-monthly-review.ipynb"));
    assertTrue(review.contains("\"image/png\""), "the dashboard is shown inline");
    assertTrue(review.contains("Period 2021-12"), "the latest publication");
    assertTrue(review.contains("forest_coverage"), "the indicator table");
    String county = Files.readString(out.resolve("02-county-drilldown.ipynb"));
    assertTrue(
        county.contains("\"image/png\"") && county.contains("Sum [generated_t]"), "waste flows");
    String compare = Files.readString(out.resolve("03-audit-compare.ipynb"));
    assertTrue(compare.contains("publication(s) of 2021-12"), compare);
  }

  /** mart -> content hash, from a run's manifest. */
  private static Map<String, String> outputHashes(String runId) {
    Map<String, String> hashes = new java.util.TreeMap<>();
    for (Row r :
        spark()
            .read()
            .option("multiLine", true)
            .json(warehouse.resolve("runs/" + runId + "/manifest.json").toString())
            .selectExpr("explode(outputs) as o")
            .select("o.mart", "o.content_hash")
            .collectAsList()) {
      hashes.put(r.getString(0), r.getString(1));
    }
    assertEquals(15, hashes.size());
    return hashes;
  }
}
