package org.benxi.green.jobs.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.RunSummary;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.cli.Green;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.generate.SampleGenerator;
import org.benxi.green.jobs.ingest.RawText;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.WarehouseLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forest inventory revised after the first publication: as-of selects the drop, history explains
 * the change, audit reproduces each publication (every month, in another process on local[1] with
 * other partitioning, which starts no process but the libraries' two probes) and finds tampered
 * drops.
 */
class AuditAndHistoryTest extends SparkTestBase {
  private static final YearMonth FIRST_MONTH = YearMonth.of(2020, 4);
  private static final YearMonth PERIOD = YearMonth.of(2020, 6);
  private static final LocalDate BEFORE_REVISION = LocalDate.of(2020, 7, 16);
  private static final LocalDate REVISION = LocalDate.of(2020, 7, 20);
  private static final String COUNTY = "210502"; // Pingshan; the revised row
  private static final String REVISION_FILE = "raw/forest/received=2020-07-20/forest_2019_rev.csv";

  @TempDir static Path dir;
  static Path data;
  static Path warehouse;
  static RunSummary first;
  static RunSummary second;

  @BeforeAll
  static void publishBeforeAndAfterTheRevision() throws IOException {
    data = dir.resolve("data");
    warehouse = dir.resolve("warehouse");
    new SampleGenerator(
            new GeneratorConfig(data, 40, FIRST_MONTH, PERIOD, 5L), ProgressLine.silent())
        .generate();
    Path revision = data.resolve(REVISION_FILE);
    Files.createDirectories(revision.getParent());
    Files.writeString(
        revision,
        "county_code,year,land_area_ha,forest_area_ha\n210502,2019,36000,21000.5\n",
        StandardCharsets.UTF_8);
    first = MonthlyRun.run(spark(), config(BEFORE_REVISION), ProgressLine.silent());
    second = MonthlyRun.run(spark(), config(REVISION), ProgressLine.silent());
  }

  private static RunConfig config(LocalDate asOf) {
    return config(data, asOf);
  }

  private static RunConfig config(Path dataRoot, LocalDate asOf) {
    return config(dataRoot, PERIOD, asOf);
  }

  private static RunConfig config(Path dataRoot, YearMonth period, LocalDate asOf) {
    return new RunConfig(
        dataRoot.toString(),
        warehouse.toString(),
        period,
        asOf,
        SETTINGS,
        0.2); // six months of 40 enterprises: the dirt rows weigh more
  }

  @Test
  void asOfSeesTheRevisionOnlyFromTheDayItArrived() throws IOException {
    assertEquals(expectedForestCoverage(false), forestCoverage(first.runId()));
    assertEquals(expectedForestCoverage(true), forestCoverage(second.runId()));
    assertEquals(
        forestCoverage(second.runId()),
        countyValue(warehouse.resolve("reports/2020-06/indicators.csv")),
        "the fixed reports path shows the current publication");
  }

  @Test
  void theFrontPageListsThePeriodWithItsChangeNoticeAndEarlierPublication() throws IOException {
    String page = Files.readString(warehouse.resolve("index.html"));
    assertTrue(
        page.contains(
            "<tr data-period=\"2020-06\"><td><a href=\"reports/2020-06/index.html\">2020-06</a>"
                + "</td><td>2020-07-20</td><td>"
                + second.runId()
                + "</td>"),
        page);
    assertTrue(page.contains("输入文件变化 1 input files changed · 指标变化 1 indicator rows"));
    assertTrue(page.contains("<li>forest_coverage 森林覆盖率 · 210502 "), page);
    assertTrue(
        page.contains("earlier publications: " + first.runId() + " (as of 2020-07-16)"), page);
    assertTrue(
        Files.readString(warehouse.resolve("reports/2020-06/index.html"))
            .contains("<a href=\"../../index.html\">"),
        "the report links back to the front page");
  }

  @Test
  void historyNamesTheRevisionDropAndEveryIndicatorItChanged() {
    List<History.Entry> entries = History.of(warehouse, "2020-06");
    assertEquals(
        List.of(first.runId(), second.runId()),
        entries.stream().map(e -> e.publication().runId()).toList());
    assertEquals("2020-07-16", entries.get(0).publication().asOf());
    assertEquals("2020-07-20", entries.get(1).publication().asOf());
    assertTrue(entries.get(1).current());
    assertEquals(
        List.of(new PublicationDiff.InputChange("added", REVISION_FILE, null, sha256Of(second))),
        entries.get(1).inputs());
    List<String> changed =
        entries.get(1).indicators().stream().map(c -> c.indicatorId() + " " + c.scope()).toList();
    assertEquals(List.of("forest_coverage 210502"), changed, "the city is missing: Nanfen is late");

    List<String> lines =
        History.format(
            "2020-06", entries, IndicatorCatalog.shipped(), ReferenceData.shipped(), false);
    String county =
        "     forest_coverage Forest coverage · 210502 "
            + ReferenceData.shipped().counties().get(COUNTY).nameEn()
            + ": value "
            + expectedForestCoverage(false)
            + " → "
            + expectedForestCoverage(true)
            + " %, status ";
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(county)), String.join("\n", lines));
    assertTrue(lines.contains("     added    " + REVISION_FILE), String.join("\n", lines));
    List<String> zh =
        History.format(
            "2020-06", entries, IndicatorCatalog.shipped(), ReferenceData.shipped(), true);
    assertTrue(zh.get(0).startsWith("2020-06：共 2 次发布"), zh.get(0));
    assertTrue(
        zh.stream().anyMatch(l -> l.contains("森林覆盖率 · 210502 平山区：数值 ")), String.join("\n", zh));
  }

  @Test
  void auditAsOfAnEarlierDayShowsTheRevisionBackwards() {
    Audit.Result result = Audit.run(spark(), config(BEFORE_REVISION), ProgressLine.silent());
    assertFalse(result.identical());
    assertEquals(
        List.of(new PublicationDiff.InputChange("removed", REVISION_FILE, sha256Of(second), null)),
        result.inputs());
    assertEquals(1, result.indicators().size(), result.indicators().toString());
    PublicationDiff.IndicatorChange change = result.indicators().get(0);
    assertEquals("forest_coverage", change.indicatorId());
    assertEquals(COUNTY, change.scope());
    assertEquals(expectedForestCoverage(true), change.before().get("value"));
    assertEquals(expectedForestCoverage(false), change.after().get("value"));
    assertTrue(
        result.martDiffs().stream().anyMatch(d -> d.mart().equals("forest_inventory")),
        result.martDiffs().toString());
  }

  @Test
  void auditOfTamperedDropsNamesTheFileTheMartsAndTheRows() throws IOException {
    Path tampered = dir.resolve("tampered");
    copyTree(data, tampered);
    String file;
    try (Stream<Path> s = Files.walk(tampered.resolve("raw/power_plants"))) {
      Path plants = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
      file = tampered.relativize(plants).toString();
      Charset charset = RawText.decode(Files.readAllBytes(plants)).charset();
      List<String> lines = Files.readAllLines(plants, charset);
      lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " ");
      Files.write(plants, lines, charset);
    }
    Audit.Result result = Audit.run(spark(), config(tampered, null), ProgressLine.silent());
    assertFalse(result.identical());
    assertEquals(1, result.inputs().size());
    assertEquals("changed", result.inputs().get(0).kind());
    assertEquals(file, result.inputs().get(0).file());
    List<String> lines =
        Audit.describe(result, IndicatorCatalog.shipped(), ReferenceData.shipped());
    assertTrue(
        lines.get(lines.size() - 1).startsWith("DIFFERENT: 1 input file(s), "), lines.toString());
  }

  @Test
  void aRunAgainstALockedWarehouseFailsAtOnceWithTheHolder() {
    try (WarehouseLock held = WarehouseLock.acquire(warehouse, "holder-run")) {
      WarehouseLock.Busy busy =
          assertThrows(
              WarehouseLock.Busy.class,
              () -> MonthlyRun.run(spark(), config(REVISION), ProgressLine.silent()));
      assertTrue(busy.getMessage().contains("is being published by run holder-run (pid "));
    }
    assertEquals(2, History.of(warehouse, "2020-06").size(), "nothing was published");
  }

  @Test
  void everyMonthIsReproducedByAnotherProcessThatStartsOnlyTheLibrariesProbes() throws Exception {
    for (YearMonth m = FIRST_MONTH; m.isBefore(PERIOD); m = m.plusMonths(1)) {
      MonthlyRun.run(spark(), config(data, m, null), ProgressLine.silent());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-opens")
                    || a.startsWith("-Xmx")
                    || a.startsWith("-D")
                    || a.equals("-XX:+UseTransparentHugePages")
                    || a.startsWith("-Xlog:"))
        .forEach(command::add);
    Path tmp = Files.createDirectories(dir.resolve("audit-all-tmp"));
    Path processes = dir.resolve("audit-all.jfr");
    Path settings = dir.resolve("process-starts.jfc");
    Files.writeString(
        settings,
        "<configuration version=\"2.0\"><event name=\"jdk.ProcessStart\">"
            + "<setting name=\"enabled\">true</setting></event></configuration>");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-XX:StartFlightRecording=settings=" + settings + ",filename=" + processes);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Green.class.getName(),
            "audit",
            "--data",
            data.toString(),
            "--warehouse",
            warehouse.toString(),
            "--all",
            "--master",
            "local[1]",
            "--shuffle-partitions",
            "3"));
    Path err = dir.resolve("audit-all.err");
    Process audit = new ProcessBuilder(command).redirectError(err.toFile()).start();
    String out = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(audit.waitFor(15, TimeUnit.MINUTES));
    assertEquals(0, audit.exitValue(), out + Files.readString(err));
    for (String month : List.of("2020-04", "2020-05", "2020-06")) {
      assertTrue(out.contains("Audit of " + month + " against publication "), out);
    }
    assertTrue(
        out.contains(
            "Audit of 2020-06 against publication " + second.runId() + " (as of 2020-07-20)"),
        "the current publication, as of its own date: " + out);
    assertEquals(3, count(out, "  marts    15 of 15 content hashes identical"), out);
    String reports =
        "  reports  county_table.csv, data_quality.csv, indicators.csv, missing_reporters.csv,"
            + " rejects.csv"
            + " byte-identical";
    assertEquals(3, count(out, reports), out);
    assertEquals(3, count(out, "IDENTICAL: the recomputation reproduces the publication exactly."));
    assertTrue(out.endsWith("3 of 3 periods identical.\n"), out);
    assertFalse(Files.exists(warehouse.resolve(".audit")), "scratch space removed");
    List<String> started =
        RecordingFile.readAllEvents(processes).stream().map(e -> e.getString("command")).toList();
    assertEquals(
        List.of("setsid bash -c echo $$", "getconf PAGESIZE"),
        started,
        "only Hadoop's setsid probe (Shell's class initializer) and Spark's page-size query (the"
            + " driver's last heartbeat): no chmod, ls or rm -rf");
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "Spark's temporary folders deleted");
    }
  }

  private static long count(String text, String line) {
    return text.lines().filter(line::equals).count();
  }

  /** The county's forest_coverage from one publication's indicators.csv. */
  private static String forestCoverage(String runId) throws IOException {
    return countyValue(
        warehouse.resolve("publications/2020-06/" + runId + "/reports/indicators.csv"));
  }

  private static String countyValue(Path indicators) throws IOException {
    String text = Files.readString(indicators, StandardCharsets.UTF_8).substring(1);
    for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(text))) {
      if (r.get(0).equals("forest_coverage") && r.get(1).equals(COUNTY)) {
        return r.get(3);
      }
    }
    throw new AssertionError("forest_coverage " + COUNTY + " not in " + indicators);
  }

  /** The county's forest coverage from the raw 2019 inventory, with or without the revision. */
  private static String expectedForestCoverage(boolean revised) {
    Map<String, BigDecimal[]> byCounty = new TreeMap<>();
    try (Stream<Path> s = Files.walk(data.resolve("raw/forest"))) {
      for (Path file : s.filter(Files::isRegularFile).sorted().toList()) {
        if (!revised && file.toString().contains("received=2020-07-20")) {
          continue;
        }
        String text =
            new String(
                Files.readAllBytes(file), RawText.decode(Files.readAllBytes(file)).charset());
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        for (CSVRecord r : rows.subList(1, rows.size())) {
          if (r.get(0).equals(COUNTY) && r.get(1).equals("2019")) {
            byCounty.put(
                r.get(0), new BigDecimal[] {new BigDecimal(r.get(2)), new BigDecimal(r.get(3))});
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    BigDecimal land = BigDecimal.ZERO;
    BigDecimal forest = BigDecimal.ZERO;
    for (BigDecimal[] v : byCounty.values()) {
      land = land.add(v[0]);
      forest = forest.add(v[1]);
    }
    return forest
        .multiply(BigDecimal.valueOf(100))
        .divide(land, 4, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  @SuppressWarnings("unchecked")
  private static String sha256Of(RunSummary run) {
    Map<String, Object> manifest =
        Json.readObject(warehouse.resolve("runs/" + run.runId() + "/manifest.json"));
    for (Object o : (List<Object>) manifest.get("inputs")) {
      Map<String, Object> input = (Map<String, Object>) o;
      if (input.get("file").equals(REVISION_FILE)) {
        return (String) input.get("sha256");
      }
    }
    throw new AssertionError(REVISION_FILE + " not in the manifest");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
