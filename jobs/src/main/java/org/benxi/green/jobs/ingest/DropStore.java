package org.benxi.green.jobs.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.Fingerprint;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.Publications;

/**
 * Parsed drops kept as Parquet, so that each raw file is parsed once: one folder per parser
 * fingerprint, source and content SHA-256, {@code <root>/<parser>/<source>/sha256=<hex>/}. The
 * parser fingerprint covers the parsing code, the source schemas and the reference data, so a
 * change to any of them parses again. A ledger of (path, bytes, modification time, SHA-256) lets
 * later runs skip even the hashing of files they have seen; the caller holds the warehouse lock.
 */
public final class DropStore {
  /**
   * A raw file identified by its content, with what its header declared and the months ({@code
   * YYYY-MM}) its rows hold, for sources with a period column (else empty).
   */
  public record Drop(
      SourceFile file,
      String sha256,
      long bytes,
      List<String> unknownColumns,
      List<String> months) {}

  /** Every drop of an ingest, and how many files it had to read to hash and to parse. */
  public record Ingested(List<Drop> drops, int hashed, int parsed) {}

  private static final String LEDGER = "ledger.tsv";

  /** Version of the stored layout; part of the fingerprint, so a new layout parses again. */
  private static final int LAYOUT = 2;

  private static final List<Class<?>> PARSER_CLASSES =
      List.of(
          ParseJob.class,
          RawCsvReader.class,
          RawRow.class,
          RowValidator.class,
          HeaderNames.class,
          StagingSchemas.class,
          SourceSchema.class);

  private final Path root;
  private final Map<String, SourceSchema> schemas;
  private final ReferenceData reference;
  private final String parser;

  /**
   * A store under {@code root} for the parser given these schemas and reference data: it parses
   * with them and files the result under their fingerprint.
   */
  public DropStore(Path root, Map<String, SourceSchema> schemas, ReferenceData reference) {
    this.root = root;
    this.schemas = schemas;
    this.reference = reference;
    this.parser = parserFingerprint(schemas, reference);
  }

  /** The folder holding this parser's drops. */
  public Path parserDir() {
    return root.resolve(parser);
  }

  /**
   * Fingerprints every file, parses the ones this parser has not stored yet (one Spark job per
   * source) and returns them all, in the order given. Rereads no raw file that the ledger knows.
   */
  public Ingested ingest(SparkSession spark, List<SourceFile> files, ProgressLine progress) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try {
      Files.createDirectories(parserDir());
      Path incoming = root.resolve(".incoming");
      Publications.deleteTree(incoming); // a dead run's half-written parse
      Map<String, String[]> ledger = readLedger();
      int[] hashed = {0};
      List<Drop> drops = new ArrayList<>();
      Map<String, List<Drop>> missing = new LinkedHashMap<>();
      for (SourceFile file : files) {
        Drop drop = fingerprint(file, ledger, schemas.get(file.source()), hadoop, hashed);
        drops.add(drop);
        boolean stored = Files.isDirectory(dropDir(drop.file().source(), drop.sha256()));
        List<Drop> pending = missing.computeIfAbsent(file.source(), k -> new ArrayList<>());
        if (!stored && pending.stream().noneMatch(d -> d.sha256().equals(drop.sha256()))) {
          pending.add(drop);
        }
        progress.update("fingerprinting", drops.size(), files.size());
      }
      if (hashed[0] > 0) {
        writeLedger(ledger);
      }
      long toParse = missing.values().stream().mapToLong(List::size).sum();
      progress.finish(
          "fingerprinting",
          files.size() + " drop files, " + (files.size() - toParse) + " already ingested");
      int done = 0;
      for (Map.Entry<String, List<Drop>> e : missing.entrySet()) {
        if (!e.getValue().isEmpty()) {
          parse(spark, e.getValue(), schemas.get(e.getKey()), incoming);
          done += e.getValue().size();
          progress.update("ingesting", done, toParse);
        }
      }
      if (toParse > 0) {
        progress.finish("ingesting", toParse + " new drop files parsed into " + parserDir());
      }
      Publications.deleteTree(incoming);
      List<Drop> described = new ArrayList<>();
      for (Drop d : drops) {
        described.add(described(d.file(), d.sha256(), d.bytes()));
      }
      return new Ingested(described, hashed[0], (int) toParse);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot ingest into " + root, e);
    }
  }

  /**
   * Each source's parsed rows, in {@link ParseJob}'s schema, read from the store: every drop's rows
   * with that drop's file and received date (a content stored once serves every path).
   */
  public Map<String, Dataset<Row>> parsed(SparkSession spark, List<Drop> drops) {
    Map<String, Dataset<Row>> bySource = new LinkedHashMap<>();
    for (Map.Entry<String, SourceSchema> e : schemas.entrySet()) {
      StructType parsed = StagingSchemas.parsed(e.getValue());
      List<Drop> mine = drops.stream().filter(d -> d.file().source().equals(e.getKey())).toList();
      List<String> withRows =
          mine.stream()
              .map(d -> dropDir(e.getKey(), d.sha256()))
              .distinct()
              .filter(DropStore::hasParquet)
              .map(Path::toString)
              .toList();
      if (withRows.isEmpty()) {
        bySource.put(e.getKey(), spark.createDataFrame(List.of(), parsed));
        continue;
      }
      Dataset<Row> stored =
          spark
              .read()
              .schema(storedSchema(parsed))
              .option("basePath", parserDir().resolve(e.getKey()).toString())
              .parquet(withRows.toArray(String[]::new));
      List<Row> lineage = new ArrayList<>();
      for (Drop d : mine) {
        lineage.add(
            RowFactory.create(
                d.sha256(), d.file().relativePath(), java.sql.Date.valueOf(d.file().received())));
      }
      Dataset<Row> files = spark.createDataFrame(lineage, LINEAGE);
      Dataset<Row> joined = stored.join(broadcast(files), "sha256");
      bySource.put(
          e.getKey(),
          joined.select(
              java.util.Arrays.stream(parsed.fieldNames())
                  .map(c -> col(c))
                  .toArray(org.apache.spark.sql.Column[]::new)));
    }
    return bySource;
  }

  private static final StructType LINEAGE =
      new StructType()
          .add("sha256", DataTypes.StringType, false)
          .add("file", DataTypes.StringType, false)
          .add("received", DataTypes.DateType, false);

  /** Parsed rows as stored: without the path-given file and received, plus the partition. */
  private static StructType storedSchema(StructType parsed) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : parsed.fields()) {
      if (!f.name().equals("file") && !f.name().equals("received")) {
        fields.add(f);
      }
    }
    fields.add(DataTypes.createStructField("sha256", DataTypes.StringType, false));
    return DataTypes.createStructType(fields);
  }

  private void parse(SparkSession spark, List<Drop> drops, SourceSchema schema, Path incoming)
      throws IOException {
    String source = schema.name();
    Path out = incoming.resolve(source);
    List<Row> keys = new ArrayList<>();
    for (Drop d : drops) {
      keys.add(RowFactory.create(d.file().relativePath(), d.sha256()));
    }
    Dataset<Row> byFile =
        spark.createDataFrame(
            keys,
            new StructType()
                .add("file", DataTypes.StringType, false)
                .add("sha256", DataTypes.StringType, false));
    Dataset<Row> files =
        spark
            .read()
            .format("binaryFile")
            .load(drops.stream().map(d -> d.file().uri()).toArray(String[]::new));
    ParseJob.transform(files, schema, reference)
        .join(broadcast(byFile), "file")
        .drop("file", "received")
        .repartition(col("sha256"))
        .write()
        .mode(SaveMode.ErrorIfExists)
        .partitionBy("sha256")
        .parquet(out.toString());
    Map<String, List<String>> months = monthsBySha(spark, schema, out);
    for (Drop d : drops) {
      Path written = out.resolve("sha256=" + d.sha256());
      Files.createDirectories(written); // a drop with no data rows still counts as ingested
      Map<String, Object> about = new LinkedHashMap<>();
      about.put("source", source);
      about.put("sha256", d.sha256());
      about.put("bytes", d.bytes());
      about.put("first_seen_as", d.file().relativePath());
      about.put("unknown_columns", d.unknownColumns());
      about.put("months", months.getOrDefault(d.sha256(), List.of()));
      about.put("ingested_at", java.time.Instant.now().toString());
      Files.writeString(written.resolve("_drop.json"), Json.write(about));
      Path target = dropDir(source, d.sha256());
      Files.createDirectories(target.getParent());
      Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The sorted months each just-parsed drop holds, by SHA-256 (none without a period column). */
  private static Map<String, List<String>> monthsBySha(
      SparkSession spark, SourceSchema schema, Path parsed) {
    Map<String, List<String>> months = new LinkedHashMap<>();
    if (!schema.monthly() || !Files.isDirectory(parsed)) {
      return months;
    }
    for (Row r :
        spark
            .read()
            .parquet(parsed.toString())
            .filter(col("period").isNotNull())
            .select("sha256", "period")
            .distinct()
            .collectAsList()) {
      months.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1));
    }
    months.values().forEach(java.util.Collections::sort);
    return months;
  }

  /** A stored drop with what its {@code _drop.json} says. */
  @SuppressWarnings("unchecked")
  private Drop described(SourceFile file, String sha256, long bytes) throws IOException {
    Map<String, Object> about =
        (Map<String, Object>)
            Json.read(Files.readString(dropDir(file.source(), sha256).resolve("_drop.json")));
    return new Drop(
        file,
        sha256,
        bytes,
        (List<String>) about.get("unknown_columns"),
        (List<String>) about.get("months"));
  }

  private Path dropDir(String source, String sha256) {
    return parserDir().resolve(source).resolve("sha256=" + sha256);
  }

  private static boolean hasParquet(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  /**
   * The file's SHA-256 and declared unknown columns: from the ledger and the stored drop when the
   * path, size and modification time are unchanged, else by reading the file once.
   */
  private Drop fingerprint(
      SourceFile file,
      Map<String, String[]> ledger,
      SourceSchema schema,
      Configuration hadoop,
      int[] hashed)
      throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.uri());
    FileStatus status = path.getFileSystem(hadoop).getFileStatus(path);
    String[] known = ledger.get(file.uri());
    if (known != null
        && Long.parseLong(known[1]) == status.getLen()
        && Long.parseLong(known[2]) == status.getModificationTime()) {
      if (Files.isRegularFile(dropDir(file.source(), known[3]).resolve("_drop.json"))) {
        return new Drop(file, known[3], status.getLen(), List.of(), List.of());
      }
    }
    hashed[0]++;
    MessageDigest sha = sha256();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
        if (head.size() < HeaderScan.HEAD_BYTES) {
          head.write(buffer, 0, n);
        }
      }
    }
    String hex = HexFormat.of().formatHex(sha.digest());
    ledger.put(
        file.uri(),
        new String[] {
          file.uri(),
          String.valueOf(status.getLen()),
          String.valueOf(status.getModificationTime()),
          hex
        });
    return new Drop(
        file,
        hex,
        status.getLen(),
        HeaderScan.unknownColumns(
            head.toByteArray(), status.getLen() > HeaderScan.HEAD_BYTES, schema),
        List.of());
  }

  private Map<String, String[]> readLedger() throws IOException {
    Map<String, String[]> ledger = new LinkedHashMap<>();
    Path file = parserDir().resolve(LEDGER);
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] cells = line.split("\t");
        if (cells.length == 4) {
          ledger.put(cells[0], cells);
        }
      }
    }
    return ledger;
  }

  private void writeLedger(Map<String, String[]> ledger) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String[] cells : ledger.values()) {
      text.append(String.join("\t", cells)).append('\n');
    }
    Path file = parserDir().resolve(LEDGER);
    Path tmp = parserDir().resolve(LEDGER + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** SHA-256 of the parser's class files, the source schemas, the reference data and the layout. */
  static String parserFingerprint(Map<String, SourceSchema> schemas, ReferenceData reference) {
    return "parser-"
        + Fingerprint.of(
            PARSER_CLASSES, List.of(new ArrayList<>(schemas.values()), reference, LAYOUT));
  }

  /** This store's parser fingerprint ({@code parser-<16 hex>}). */
  public String parser() {
    return parser;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
