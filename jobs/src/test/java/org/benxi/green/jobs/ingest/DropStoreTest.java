package org.benxi.green.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.Fixtures;
import org.benxi.green.jobs.MonthlyJob;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.SparkTestBase;
import org.benxi.green.jobs.publish.PublishingProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drops are parsed once: the store's rows equal a direct parse of the raw files (the fault corpus,
 * rejects included); a second ingest reads no raw file; a touched file is hashed again but not
 * parsed; changed bytes are parsed; the same bytes under a second path are served from one copy.
 */
class DropStoreTest extends SparkTestBase {
  private static final Path CORPUS = Path.of("src", "test", "resources", "faults");
  private static final Map<String, SourceSchema> SCHEMAS = SourceSchema.shipped();
  private static final ReferenceData REFERENCE = ReferenceData.shipped();

  @TempDir Path dir;

  @Test
  void parsesEachDropOnceAndServesTheSameRowsAsADirectParse() throws Exception {
    Path data = dir.resolve("data");
    PublishingProcess.copyTree(CORPUS, data);
    DropStore store = new DropStore(dir.resolve("ingest"), SCHEMAS, REFERENCE);
    List<SourceFile> files = scan(data);
    int distinct = (int) files.stream().map(f -> f.source() + sha(f)).distinct().count();

    DropStore.Ingested first = ingest(store, files);
    assertEquals(files.size(), first.hashed());
    // Hashed on every core, each drop is still its own file's, in the order given.
    assertEquals(files, first.drops().stream().map(DropStore.Drop::file).toList());
    for (DropStore.Drop d : first.drops()) {
      assertEquals(sha(d.file()), d.sha256(), d.file().uri());
      assertEquals(Files.size(Path.of(java.net.URI.create(d.file().uri()))), d.bytes());
    }
    assertEquals(distinct, first.parsed());
    assertSameRows(direct(files), store.parsed(spark(), first.drops()));

    DropStore.Ingested again = ingest(store, files);
    assertEquals(0, again.hashed(), "the ledger knows every file");
    assertEquals(0, again.parsed());
    assertEquals(first.drops(), again.drops());

    Path energy =
        Path.of(
            java.net.URI.create(
                files.stream().filter(f -> f.source().equals("energy")).findFirst().get().uri()));
    Files.setLastModifiedTime(
        energy, FileTime.fromMillis(Files.getLastModifiedTime(energy).toMillis() + 60_000));
    DropStore.Ingested touched = ingest(store, files);
    assertEquals(1, touched.hashed(), "a newer modification time is hashed again");
    assertEquals(0, touched.parsed(), "same bytes are not parsed again");

    Path copy = data.resolve("raw/energy/received=2099-01-01").resolve(energy.getFileName());
    Files.createDirectories(copy.getParent());
    Files.copy(energy, copy);
    List<SourceFile> withCopy = scan(data);
    DropStore.Ingested copied = ingest(store, withCopy);
    assertEquals(1, copied.hashed());
    assertEquals(0, copied.parsed(), "a copy under another drop is served from the stored one");
    assertSameRows(direct(withCopy), store.parsed(spark(), copied.drops()));

    Files.writeString(
        copy,
        Files.readString(copy, StandardCharsets.UTF_8) + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    DropStore.Ingested changed = ingest(store, withCopy);
    assertEquals(1, changed.parsed(), "new bytes are parsed");
    assertNotEquals(sha(copied, copy), sha(changed, copy));
    assertSameRows(direct(withCopy), store.parsed(spark(), changed.drops()));
  }

  @Test
  void anInPlaceEditThatKeepsSizeAndModificationTimeIsHashedAgain() throws Exception {
    Path data = dir.resolve("data");
    PublishingProcess.copyTree(CORPUS, data);
    DropStore store = new DropStore(dir.resolve("ingest"), SCHEMAS, REFERENCE);
    DropStore.Ingested first = ingest(store, scan(data));
    assertEquals(
        List.of(
            "raw/energy/received=2024-04-20/empty.csv: an empty file (0 bytes); nothing to read",
            "raw/energy/received=2024-04-20/header_only.csv: a header and no data rows; nothing"
                + " to read"),
        first.notices());
    for (DropStore.Drop d : first.drops()) {
      byte[] bytes = Files.readAllBytes(Path.of(java.net.URI.create(d.file().uri())));
      assertEquals(
          rowsRead(bytes, SCHEMAS.get(d.file().source())), d.rows(), d.file().relativePath());
    }

    Path file = data.resolve("raw/energy/received=2024-03-01/bad_credit_code.csv");
    FileTime modified = Files.getLastModifiedTime(file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, text.replace("coke,100,t", "coke,900,t"), StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, modified);
    assertEquals(text.length(), Files.size(file), "same size");

    DropStore.Ingested edited = ingest(store, scan(data));
    assertEquals(1, edited.hashed(), "the change time tells the edit");
    assertEquals(1, edited.parsed());
    assertNotEquals(sha(first, file), sha(edited, file));
    assertEquals(List.of(), edited.notices(), "notices only for newly seen files");
  }

  @Test
  void eachDropKeepsWhatItsParseFoundUnknownColumnsMonthsAndWhyItHasNoRows() throws Exception {
    Path data = dir.resolve("data");
    Path extra = data.resolve("raw/energy/received=2024-05-01/extra.csv");
    Path blank = data.resolve("raw/energy/received=2024-05-02/blank.csv");
    Files.createDirectories(extra.getParent());
    Files.createDirectories(blank.getParent());
    Files.writeString(
        extra,
        "credit_code,period,energy_code,quantity,unit,remark\n"
            + (Fixtures.E1 + ",2024-04,coke,1,t,x\n")
            + (Fixtures.E1 + ",2024-03,coke,2,t,y\n"),
        StandardCharsets.UTF_8);
    Files.writeString(blank, "\n\n", StandardCharsets.UTF_8);
    DropStore.Ingested ingested =
        ingest(new DropStore(dir.resolve("ingest"), SCHEMAS, REFERENCE), scan(data));
    List<String> drops =
        ingested.drops().stream()
            .map(
                d ->
                    d.file().relativePath()
                        + " rows="
                        + d.rows()
                        + " unknown="
                        + d.unknownColumns()
                        + " months="
                        + d.months())
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "raw/energy/received=2024-05-01/extra.csv rows=2 unknown=[remark]"
                + " months=[2024-03, 2024-04]",
            "raw/energy/received=2024-05-02/blank.csv rows=0 unknown=[] months=[]"),
        drops);
    assertEquals(
        List.of(
            "raw/energy/received=2024-05-02/blank.csv: no header, only blank lines; nothing to"
                + " read"),
        ingested.notices());
  }

  @Test
  void filesToParseAreSplitIntoPartitionsOfAboutEqualBytes() {
    java.time.LocalDate received = java.time.LocalDate.of(2024, 2, 10);
    Map<String, Long> bytes =
        Map.of("a.csv", 70L, "b.csv", 50L, "c.csv", 40L, "d.csv", 30L, "e.csv", 10L);
    List<SourceFile> files =
        bytes.keySet().stream()
            .sorted()
            .map(n -> new SourceFile("energy", received, "raw/energy/" + n, "file:/x/" + n))
            .toList();
    List<List<Row>> partitions =
        ParseJob.files(spark(), files, Map.of(), f -> bytes.get(f.relativePath().substring(11)))
            .javaRDD()
            .glom()
            .collect();
    List<String> split =
        partitions.stream()
            .map(p -> String.join(" ", p.stream().map(r -> r.<String>getAs("file")).toList()))
            .toList();
    // Two cores (local[2]); largest first, each to the lightest: 70+30 against 50+40+10.
    assertEquals(
        List.of(
            "raw/energy/a.csv raw/energy/d.csv",
            "raw/energy/b.csv raw/energy/c.csv raw/energy/e.csv"),
        split);
  }

  @Test
  void aDifferentParserKeepsItsOwnDrops() {
    String shipped = DropStore.parserFingerprint(SCHEMAS, REFERENCE);
    ReferenceData other = ReferenceData.load(CORPUS.resolve("..").resolve("no-such-root"));
    assertEquals(shipped, DropStore.parserFingerprint(SCHEMAS, other), "same reference data");
    Map<String, SourceSchema> fewer = new java.util.LinkedHashMap<>(SCHEMAS);
    fewer.remove("programs");
    assertNotEquals(shipped, DropStore.parserFingerprint(fewer, REFERENCE));
  }

  private static DropStore.Ingested ingest(DropStore store, List<SourceFile> files) {
    return store.ingest(spark(), files, ProgressLine.silent());
  }

  private static List<SourceFile> scan(Path data) {
    return DropScanner.scan(
            data.toString(), null, SCHEMAS.keySet(), spark().sparkContext().hadoopConfiguration())
        .files();
  }

  private static Dataset<Row> direct(List<SourceFile> files) {
    return MonthlyJob.parse(spark(), files, SCHEMAS, REFERENCE);
  }

  /** Source by source, the store's rows equal the direct parse's rows of that source. */
  private static void assertSameRows(Dataset<Row> direct, Map<String, Dataset<Row>> stored) {
    assertEquals(SCHEMAS.keySet(), stored.keySet());
    long total = 0;
    for (Map.Entry<String, Dataset<Row>> e : stored.entrySet()) {
      Dataset<Row> expected = StageJob.of(direct, SCHEMAS.get(e.getKey()));
      Dataset<Row> actual = e.getValue();
      assertEquals(List.of(expected.columns()), List.of(actual.columns()), e.getKey());
      assertEquals(expected.count(), actual.count(), e.getKey());
      assertEquals(0, expected.exceptAll(actual).count(), e.getKey() + ": missing from the store");
      assertEquals(0, actual.exceptAll(expected).count(), e.getKey() + ": only in the store");
      total += actual.count();
    }
    assertTrue(total > 30, "the corpus has rows: " + total);
  }

  private static String sha(SourceFile f) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of(java.net.URI.create(f.uri())));
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha(DropStore.Ingested ingested, Path file) {
    return ingested.drops().stream()
        .filter(d -> Path.of(java.net.URI.create(d.file().uri())).equals(file))
        .findFirst()
        .orElseThrow()
        .sha256();
  }

  /** The number of rows {@link RawCsvReader#read} yields for a file: its data records. */
  private static long rowsRead(byte[] bytes, SourceSchema schema) {
    Iterator<RawRow> rows = RawCsvReader.read(bytes, schema).rows();
    long n = 0;
    while (rows.hasNext()) {
      rows.next();
      n++;
    }
    return n;
  }
}
