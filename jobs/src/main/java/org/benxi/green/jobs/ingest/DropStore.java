package org.benxi.green.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.udf;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.Fingerprint;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.Tasks;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.PointerPublications;
import org.benxi.green.jobs.spark.NioLocalFileSystem;

/**
 * Parsed drops kept as Parquet, so that each raw file is parsed once: one folder per parser
 * fingerprint, source and content SHA-256, {@code <root>/<parser>/src=<source>/sha256=<hex>/}. The
 * parser fingerprint covers the parsing code, the source schemas and the reference data, so a
 * change to any of them parses again. A ledger of (path, bytes, modification time, SHA-256) lets
 * later runs skip even the hashing of files they have seen. The store may be on any Hadoop file
 * system the executors reach (a local folder in local mode, the warehouse's HDFS or S3 on a
 * cluster): a drop's folder counts once its {@code _drop.json} is written, last, so a store without
 * an atomic rename never shows half a drop. Each ingest parses into a folder of its own, {@code
 * .incoming-<id>}; those a dead run left are removed once older than {@link
 * PointerPublications#ABANDONED_AFTER}.
 */
public final class DropStore {
  /**
   * A raw file identified by its content, with its data rows, what its header declared and the
   * months ({@code YYYY-MM}) its rows hold, for sources with a period column (else empty).
   */
  public record Drop(
      SourceFile file,
      String sha256,
      long bytes,
      long rows,
      List<String> unknownColumns,
      List<String> months) {}

  /**
   * Every drop of an ingest, how many files it had to read to hash and to parse, and one notice per
   * newly seen file that holds no data row (empty, or a header only).
   */
  public record Ingested(List<Drop> drops, int hashed, int parsed, List<String> notices) {}

  private static final String LEDGER = "ledger.tsv";
  private static final String ABOUT = "_drop.json";
  private static final String INCOMING = ".incoming";

  /** Version of the stored layout; part of the fingerprint, so a new layout parses again. */
  private static final int LAYOUT = 6;

  /**
   * The classes whose code decides a stored parse: every project class the parse job can run
   * ({@link Fingerprint#reachableFrom}), the source specs' row checks included.
   */
  static final List<Class<?>> PARSER_CLASSES = Fingerprint.reachableFrom(List.of(ParseJob.class));

  private final Path root;
  private final FileSystem fs;
  private final Map<String, SourceSchema> schemas;
  private final ReferenceData reference;
  private final String parser;

  /**
   * A store under {@code root}, on the file system {@code conf} gives it, for the parser given
   * these schemas and reference data: it parses with them and files the result under their
   * fingerprint.
   */
  public DropStore(
      Path root, Configuration conf, Map<String, SourceSchema> schemas, ReferenceData reference) {
    try {
      this.fs = NioLocalFileSystem.forDriver(root, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the drop store " + root, e);
    }
    this.root = fs.makeQualified(root);
    this.schemas = schemas;
    this.reference = reference;
    this.parser = parserFingerprint(schemas, reference);
  }

  /** A store in a local folder. */
  public DropStore(
      java.nio.file.Path root, Map<String, SourceSchema> schemas, ReferenceData reference) {
    this(new Path(root.toAbsolutePath().toUri()), new Configuration(), schemas, reference);
  }

  /** The folder holding this parser's drops. */
  public Path parserDir() {
    return new Path(root, parser);
  }

  /**
   * Fingerprints every file, parses the ones this parser has not stored yet (one Spark job for
   * every source) and returns them all, in the order given. Rereads no raw file that the ledger
   * knows unchanged. A parse is stored only when its rows per file equal the data records the
   * driver counts in the same bytes while Spark parses them.
   */
  public Ingested ingest(SparkSession spark, List<SourceFile> files, ProgressLine progress) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try {
      fs.mkdirs(parserDir());
      clearAbandonedIncoming();
      Path incoming = new Path(root, INCOMING + "-" + UUID.randomUUID());
      Map<String, String[]> ledger = readLedger();
      Set<String> seen = new HashSet<>();
      List<Drop> drops = new ArrayList<>();
      Map<String, Drop> pending = new LinkedHashMap<>();
      for (Drop drop : fingerprints(files, ledger, seen, hadoop, progress)) {
        drops.add(drop);
        // A drop from the ledger is stored (fromLedger checked); a hashed one may be new.
        if (seen.contains(drop.file().uri())
            && !fs.exists(about(drop.file().source(), drop.sha256()))) {
          pending.putIfAbsent(key(drop), drop);
        }
      }
      if (!seen.isEmpty()) {
        writeLedger(ledger);
      }
      progress.finish(
          "fingerprinting",
          files.size() + " drop files, " + (files.size() - pending.size()) + " already ingested");
      if (!pending.isEmpty()) {
        boolean remote =
            !"file".equals(root.toUri().getScheme())
                || files.stream().anyMatch(f -> !f.uri().startsWith("file:"));
        parse(spark, List.copyOf(pending.values()), incoming, ParseJob.settings(hadoop, remote));
        Path into = parserDir();
        progress.finish(
            "ingesting",
            pending.size()
                + " new drop files parsed into "
                + ("file".equals(into.toUri().getScheme()) ? into.toUri().getPath() : into));
      }
      fs.delete(incoming, true);
      List<Drop> described = new ArrayList<>();
      List<String> notices = new ArrayList<>();
      for (Drop d : drops) {
        Drop full = described(d.file(), d.sha256(), d.bytes());
        described.add(full);
        String noRows = noRows(d.file(), d.sha256());
        if (seen.contains(d.file().uri()) && noRows != null) {
          notices.add(Printable.of(d.file().relativePath()) + ": " + noRows + "; nothing to read");
        }
      }
      return new Ingested(described, seen.size(), pending.size(), notices);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot ingest into " + root, e);
    }
  }

  /**
   * The parsed rows of {@code drops}, by source: each source's rows in its own columns ({@link
   * StagingSchemas#parsed}), read from the part files of that source's drops alone, each drop's
   * rows with that drop's file and received date (a content stored once serves every path). A
   * source without drops has an empty frame.
   */
  public Map<String, Dataset<Row>> parsed(SparkSession spark, List<Drop> drops) {
    Map<String, List<Row>> paths = new HashMap<>();
    for (Drop d : drops) {
      paths
          .computeIfAbsent(d.sha256(), k -> new ArrayList<>())
          .add(RowFactory.create(d.file().relativePath(), d.file().received()));
    }
    UserDefinedFunction lineage =
        udf((UDF1<String, List<Row>>) paths::get, DataTypes.createArrayType(LINEAGE, false));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    schemas.forEach(
        (name, schema) -> {
          StructType parsed = StagingSchemas.parsed(schema);
          // The one part file of each stored content with rows; a missing one fails the read.
          List<String> withRows =
              drops.stream()
                  .filter(d -> d.file().source().equals(name) && d.rows() > 0)
                  .map(d -> new Path(dropDir(name, d.sha256()), ParseJob.PART).toString())
                  .distinct()
                  .toList();
          if (withRows.isEmpty()) {
            out.put(name, spark.createDataFrame(List.of(), parsed));
            return;
          }
          Dataset<Row> stored =
              spark
                  .read()
                  .schema(ParseJob.stored(schema))
                  .option("basePath", parserDir().toString())
                  .parquet(withRows.toArray(String[]::new));
          List<org.apache.spark.sql.Column> lined = new ArrayList<>();
          for (String c : stored.columns()) {
            lined.add(col(c));
          }
          lined.add(explode(lineage.apply(col("sha256"))).as("_path"));
          out.put(
              name,
              stored
                  .select(lined.toArray(org.apache.spark.sql.Column[]::new))
                  .select(
                      Arrays.stream(parsed.fieldNames())
                          .map(
                              c ->
                                  c.equals("file") || c.equals("received")
                                      ? col("_path." + c).as(c)
                                      : col(c))
                          .toArray(org.apache.spark.sql.Column[]::new)));
        });
    return out;
  }

  /** Where a stored content was found: its path in the data root and its drop date. */
  private static final StructType LINEAGE =
      new StructType()
          .add("file", DataTypes.StringType, false)
          .add("received", DataTypes.DateType, false);

  /**
   * Parses {@code drops}, of any sources, in one Spark job into {@code incoming}, checks that each
   * was parsed and read, then files each under its source and SHA-256 with its {@code _drop.json}.
   * Each parse task reads the bytes the driver hashed (it checks their SHA-256), so the rows it
   * counts are the file's data records.
   */
  private void parse(
      SparkSession spark, List<Drop> drops, Path incoming, Map<String, String> settings)
      throws IOException {
    Map<String, String> shaByUri = new LinkedHashMap<>();
    Map<SourceFile, Long> bytes = new HashMap<>();
    for (Drop d : drops) {
      shaByUri.put(d.file().uri(), d.sha256());
      bytes.put(d.file(), d.bytes());
    }
    Map<String, Written> written = new LinkedHashMap<>();
    for (Row r :
        ParseJob.parseInto(
                ParseJob.files(
                    spark, drops.stream().map(Drop::file).toList(), shaByUri, bytes::get),
                schemas,
                reference,
                settings,
                incoming.toUri().toString(),
                spark.version())
            .collectAsList()) {
      String months = r.getString(3);
      written.put(
          r.getString(0) + "/" + r.getString(1),
          new Written(
              r.getLong(2),
              months.isEmpty() ? List.of() : List.of(months.split(",")),
              r.<String>getList(4),
              r.getString(5),
              r.getString(6)));
    }
    for (Drop d : drops) {
      Written w = written.get(key(d));
      if (w == null || w.unreadable() != null) {
        throw new IllegalStateException(
            Printable.of(d.file().relativePath())
                + (w == null
                    ? ": the parse returned nothing for it"
                    : ": the parse could not read it (" + w.unreadable() + ")")
                + "; nothing was stored");
      }
    }
    for (Drop d : drops) {
      String source = d.file().source();
      Written w = written.get(key(d));
      Path dir = new Path(incoming, ParseJob.SOURCE + "=" + source + "/sha256=" + d.sha256());
      fs.mkdirs(dir); // a drop with no data rows still counts as ingested
      Map<String, Object> about = new LinkedHashMap<>();
      about.put("source", source);
      about.put("sha256", d.sha256());
      about.put("bytes", d.bytes());
      about.put("rows", w.rows());
      about.put("no_rows", w.noRows());
      about.put("first_seen_as", d.file().relativePath());
      about.put("unknown_columns", w.unknownColumns());
      about.put("months", w.months());
      about.put("ingested_at", java.time.Instant.now().toString());
      Path target = dropDir(source, d.sha256());
      if (fs.exists(new Path(target, ABOUT))) {
        continue; // another run on the same store filed the same content meanwhile
      }
      fs.delete(target, true); // what a run that died before its _drop.json left
      fs.mkdirs(target.getParent());
      if (!fs.rename(dir, target)) {
        throw new IOException("cannot move " + dir + " to " + target);
      }
      writeWhole(new Path(target, ABOUT), Json.write(about));
    }
  }

  /** A stored content's key: its source and SHA-256 (the same bytes may arrive as two sources). */
  private static String key(Drop d) {
    return d.file().source() + "/" + d.sha256();
  }

  /**
   * What the parse wrote for one file's content: its rows, the sorted months they hold, the
   * header's unknown columns, why it has no rows, and why it could not be read.
   */
  private record Written(
      long rows,
      List<String> months,
      List<String> unknownColumns,
      String noRows,
      String unreadable) {}

  /** A stored drop with what its {@code _drop.json} says. */
  @SuppressWarnings("unchecked")
  private Drop described(SourceFile file, String sha256, long bytes) throws IOException {
    Map<String, Object> about =
        (Map<String, Object>) Json.read(readString(about(file.source(), sha256)));
    return new Drop(
        file,
        sha256,
        bytes,
        ((Number) about.get("rows")).longValue(),
        (List<String>) about.get("unknown_columns"),
        (List<String>) about.get("months"));
  }

  /** Why a stored drop has no rows, or {@code null} when it has some. */
  private String noRows(SourceFile file, String sha256) throws IOException {
    Object why = ((Map<?, ?>) Json.read(readString(about(file.source(), sha256)))).get("no_rows");
    return why == null ? null : why.toString();
  }

  private Path dropDir(String source, String sha256) {
    return new Path(parserDir(), ParseJob.SOURCE + "=" + source + "/sha256=" + sha256);
  }

  /** The {@code _drop.json} that makes a drop's folder count. */
  private Path about(String source, String sha256) {
    return new Path(dropDir(source, sha256), ABOUT);
  }

  /** Removes the parse folders of ingests that died, once old enough to be no live run's. */
  private void clearAbandonedIncoming() throws IOException {
    long before = Instant.now().minus(PointerPublications.ABANDONED_AFTER).toEpochMilli();
    FileStatus[] children;
    try {
      children = fs.listStatus(root);
    } catch (FileNotFoundException e) {
      return;
    }
    for (FileStatus f : children) {
      if (f.getPath().getName().startsWith(INCOMING) && f.getModificationTime() <= before) {
        fs.delete(f.getPath(), true);
      }
    }
  }

  private String readString(Path file) throws IOException {
    try (var in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Writes {@code file} so that a reader sees the whole text or the one before: an object store's
   * PUT is whole; elsewhere a temporary file renamed onto it.
   */
  private void writeWhole(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path written = "s3a".equals(fs.getUri().getScheme()) ? file : file.suffix(".tmp");
    try (FSDataOutputStream out = fs.create(written, true)) {
      out.write(bytes);
    }
    if (written != file) {
      StoredParquet.moveOnto(fs, written, file);
    }
  }

  /**
   * The drop the ledger knows for this file, when its {@link #stat} is as recorded and the drop is
   * stored; else {@code null}.
   */
  private Drop fromLedger(SourceFile file, String[] stat, Map<String, String[]> ledger)
      throws IOException {
    String[] known = ledger.get(file.uri());
    if (known == null || !Arrays.equals(Arrays.copyOfRange(known, 1, 4), stat)) {
      return null;
    }
    if (!fs.exists(about(file.source(), known[4]))) {
      return null;
    }
    return new Drop(file, known[4], Long.parseLong(known[1]), 0, List.of(), List.of());
  }

  /**
   * Every file's drop, in the order given: from the ledger when it knows the file unchanged, else
   * read for its SHA-256 (on every core: hashing a national month's gigabytes is the driver's
   * longest step before parsing) and recorded in the ledger, its URI added to {@code seen}.
   */
  private List<Drop> fingerprints(
      List<SourceFile> files,
      Map<String, String[]> ledger,
      Set<String> seen,
      Configuration hadoop,
      ProgressLine progress)
      throws IOException {
    List<Drop> drops = new ArrayList<>();
    List<Future<Hashed>> hashes = new ArrayList<>();
    ExecutorService hashers =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      for (SourceFile file : files) {
        String[] stat = stat(file, hadoop);
        Drop known = fromLedger(file, stat, ledger);
        drops.add(known);
        hashes.add(known == null ? hashers.submit(() -> hash(file, stat, hadoop)) : null);
      }
      for (int i = 0; i < files.size(); i++) {
        if (hashes.get(i) != null) {
          SourceFile file = files.get(i);
          Hashed read = Tasks.await(hashes.get(i), "fingerprinting");
          ledger.put(file.uri(), read.ledgerEntry());
          seen.add(file.uri());
          drops.set(i, new Drop(file, read.sha256(), read.bytes(), 0, List.of(), List.of()));
        }
        progress.update("fingerprinting", i + 1, files.size());
      }
    } finally {
      hashers.shutdownNow();
    }
    return drops;
  }

  /**
   * A file read once for its ledger entry (URI, its {@link #stat} from before the read, SHA-256)
   * and the number of bytes hashed.
   */
  private record Hashed(String[] ledgerEntry, long bytes) {
    String sha256() {
      return ledgerEntry[4];
    }
  }

  /** Reads a file once, streamed, for its SHA-256; {@code stat} is its {@link #stat}. */
  private static Hashed hash(SourceFile file, String[] stat, Configuration hadoop) {
    ParseJob.FileDigest digest;
    try {
      digest = ParseJob.digest(file.uri(), ParseJob.settings(hadoop, List.of(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          Printable.of(file.relativePath()) + ": cannot be read: " + e.getMessage(), e);
    }
    return new Hashed(
        new String[] {file.uri(), stat[0], stat[1], stat[2], digest.sha256()}, digest.bytes());
  }

  /**
   * Size, modification time and what tells an in-place edit that kept both: on a local disk the
   * change time and inode, which no edit can keep; elsewhere {@code -}.
   */
  private static String[] stat(SourceFile file, Configuration hadoop) throws IOException {
    java.net.URI uri = java.net.URI.create(file.uri());
    if ("file".equals(uri.getScheme())) {
      Map<String, Object> a =
          Files.readAttributes(java.nio.file.Path.of(uri), "unix:size,lastModifiedTime,ctime,ino");
      return new String[] {
        String.valueOf(a.get("size")),
        String.valueOf(((FileTime) a.get("lastModifiedTime")).toMillis()),
        ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS) + "/" + a.get("ino")
      };
    }
    Path path = new Path(uri);
    FileStatus status = path.getFileSystem(hadoop).getFileStatus(path);
    return new String[] {
      String.valueOf(status.getLen()), String.valueOf(status.getModificationTime()), "-"
    };
  }

  private Map<String, String[]> readLedger() throws IOException {
    Map<String, String[]> ledger = new LinkedHashMap<>();
    Path file = new Path(parserDir(), LEDGER);
    if (fs.exists(file)) {
      for (String line : readString(file).split("\n")) {
        String[] cells = line.split("\t");
        if (cells.length == 5) {
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
    writeWhole(new Path(parserDir(), LEDGER), text.toString());
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
}
