package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;

/**
 * Parses raw files of one source into typed rows: one output row per data record, either accepted
 * (typed values) or rejected (reason, column, value, and the text cells as read), with file and
 * physical line. Each task opens the files it is given by URI, so every listed file is read,
 * whatever its name.
 */
public final class ParseJob {
  /**
   * Files to parse: where to read each, its path in the data root, its drop, its content hash when
   * known, and its source.
   */
  public static final StructType FILES =
      new StructType()
          .add("uri", DataTypes.StringType, false)
          .add("file", DataTypes.StringType, false)
          .add("received", DataTypes.DateType, false)
          .add("sha256", DataTypes.StringType, true)
          .add("source", DataTypes.StringType, false);

  private ParseJob() {}

  /** {@link #files(SparkSession, List, Map, ToLongFunction)} with the files' sizes unknown. */
  public static Dataset<Row> files(
      SparkSession spark, List<SourceFile> files, Map<String, String> sha256ByUri) {
    return files(spark, files, sha256ByUri, f -> 1);
  }

  /**
   * The {@link #FILES} frame of {@code files}, with their content hashes when known, in one
   * partition per core of the session (at most one per file), each holding about as many bytes as
   * the others: the largest file goes first, each file to the lightest partition.
   */
  public static Dataset<Row> files(
      SparkSession spark,
      List<SourceFile> files,
      Map<String, String> sha256ByUri,
      ToLongFunction<SourceFile> bytes) {
    int slots = Math.max(1, Math.min(files.size(), spark.sparkContext().defaultParallelism()));
    List<List<Row>> partitions = new ArrayList<>();
    long[] load = new long[slots];
    for (int i = 0; i < slots; i++) {
      partitions.add(new ArrayList<>());
    }
    List<SourceFile> largestFirst = new ArrayList<>(files);
    largestFirst.sort(
        Comparator.comparingLong(bytes).reversed().thenComparing(SourceFile::relativePath));
    for (SourceFile f : largestFirst) {
      int lightest = 0;
      for (int i = 1; i < slots; i++) {
        lightest = load[i] < load[lightest] ? i : lightest;
      }
      partitions
          .get(lightest)
          .add(
              RowFactory.create(
                  f.uri(), f.relativePath(), f.received(), sha256ByUri.get(f.uri()), f.source()));
      load[lightest] += bytes.applyAsLong(f);
    }
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(partitions, slots)
            .flatMap(List::iterator);
    return spark.createDataFrame(rows, FILES);
  }

  /** One source's parsed rows, then the file's {@code sha256}. */
  private static StructType output(SourceSchema schema) {
    return StagingSchemas.parsed(schema).add("sha256", DataTypes.StringType, true);
  }

  /** Column {@code src} of {@link #unified}: the source a row belongs to. */
  public static final String SOURCE = "src";

  /**
   * Parsed rows of every source in one schema: file, line and received, then every source's
   * contract columns merged (a column two sources share has one type; a row leaves the others'
   * null), the reject reason, column and value, and {@link #SOURCE}.
   */
  public static StructType unified(Map<String, SourceSchema> schemas) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    for (SourceSchema schema : schemas.values()) {
      for (StructField f : StagingSchemas.parsed(schema).fields()) {
        StructField known = fields.putIfAbsent(f.name(), f);
        if (known != null && !known.dataType().equals(f.dataType())) {
          throw new IllegalStateException(
              "sources.csv: column "
                  + f.name()
                  + " has two types, "
                  + known.dataType()
                  + " and "
                  + f.dataType());
        }
      }
    }
    List<StructField> ordered = new ArrayList<>();
    for (StructField f : fields.values()) {
      if (!f.name().startsWith("reject_")) {
        ordered.add(f);
      }
    }
    for (StructField f : fields.values()) {
      if (f.name().startsWith("reject_")) {
        ordered.add(f);
      }
    }
    ordered.add(DataTypes.createStructField(SOURCE, DataTypes.StringType, false));
    return new StructType(ordered.toArray(StructField[]::new));
  }

  /**
   * How the drop store is read for one source: its {@link StagingSchemas#parsed} columns without
   * the file and received date (a content stored once serves every path it arrives under), then the
   * store's partition columns, {@link #SOURCE} and the content's {@code sha256}.
   */
  public static StructType stored(SourceSchema schema) {
    StructType out = new StructType();
    for (StructField f : StagingSchemas.parsed(schema).fields()) {
      if (!f.name().equals("file") && !f.name().equals("received")) {
        out = out.add(f);
      }
    }
    return out.add(SOURCE, DataTypes.StringType, false).add("sha256", DataTypes.StringType, false);
  }

  /**
   * Parses files of any source ({@link #FILES}) in one pass into {@link #unified} rows followed by
   * the file's {@code sha256}.
   */
  public static Dataset<Row> transformAll(
      Dataset<Row> files,
      Map<String, SourceSchema> schemas,
      ReferenceData reference,
      Map<String, String> hadoop) {
    StructType out = unified(schemas).add("sha256", DataTypes.StringType, true);
    List<String> names = List.of(out.fieldNames());
    Map<String, int[]> positions = new LinkedHashMap<>();
    for (SourceSchema schema : schemas.values()) {
      String[] own = output(schema).fieldNames();
      int[] at = new int[own.length];
      for (int i = 0; i < own.length; i++) {
        at[i] = names.indexOf(own[i]);
      }
      positions.put(schema.name(), at);
    }
    int sourceAt = names.indexOf(SOURCE);
    Map<String, RowValidator> validators = validators(schemas, reference);
    FlatMapFunction<Row, Row> parse =
        file -> {
          String source = file.getAs("source");
          int[] at = positions.get(source);
          FileRows rows = new FileRows(file, schemas.get(source), validators.get(source), hadoop);
          // Rows stream out one at a time: a file of millions of rows is never held as rows.
          return new Iterator<Row>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public Row next() {
              Object[] own = rows.next();
              Object[] values = new Object[out.size()];
              for (int i = 0; i < at.length; i++) {
                values[at[i]] = own[i];
              }
              values[sourceAt] = source;
              return RowFactory.create(values);
            }
          };
        };
    return files.flatMap(parse, Encoders.row(out));
  }

  /**
   * What {@link #parseInto} wrote for one file: its rows, the months they hold (comma-separated),
   * the header's unknown columns, why it has no rows (null when it has some), and why it could not
   * be read (null when it was).
   */
  public static final StructType WRITTEN =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("sha256", DataTypes.StringType, false)
          .add("rows", DataTypes.LongType, false)
          .add("months", DataTypes.StringType, false)
          .add("unknown_columns", DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add("no_rows", DataTypes.StringType, true)
          .add("unreadable", DataTypes.StringType, true);

  /**
   * Parses files of any source ({@link #FILES}, each with its {@code sha256}) and writes each
   * file's rows in its source's {@link #stored} columns to one Parquet file, {@code
   * <into>/src=<source>/sha256=<hex>/part-00000.snappy.parquet} (none for a file without rows); one
   * {@link #WRITTEN} row per file, in the order of {@code files} within each task. Each row goes
   * straight from the parser to the Parquet writer, in its own columns: no row is converted to a
   * frame of every source's columns, sorted or shuffled.
   */
  public static Dataset<Row> parseInto(
      Dataset<Row> files,
      Map<String, SourceSchema> schemas,
      ReferenceData reference,
      Map<String, String> hadoop,
      String into,
      String sparkVersion) {
    Map<String, RowValidator> validators = validators(schemas, reference);
    Map<String, StructType> stored = new LinkedHashMap<>();
    Map<String, int[]> positions = new LinkedHashMap<>();
    for (SourceSchema schema : schemas.values()) {
      StructType columns = storedColumns(schema);
      List<String> own = List.of(output(schema).fieldNames());
      stored.put(schema.name(), columns);
      positions.put(
          schema.name(), Arrays.stream(columns.fieldNames()).mapToInt(own::indexOf).toArray());
    }
    String temporary = into + "/" + WRITING;
    MapPartitionsFunction<Row, Row> parse =
        in -> {
          Configuration conf = new Configuration(false);
          hadoop.forEach(conf::set);
          List<Row> written = new ArrayList<>();
          while (in.hasNext()) {
            Row file = in.next();
            String source = file.getAs("source");
            String sha256 = file.getAs("sha256");
            FileRows rows = new FileRows(file, schemas.get(source), validators.get(source), hadoop);
            int[] at = positions.get(source);
            Object[] values = new Object[at.length];
            StoredParquet out = null;
            try {
              while (rows.hasNext()) {
                Object[] own = rows.next();
                for (int i = 0; i < at.length; i++) {
                  values[i] = own[at[i]];
                }
                if (out == null) {
                  out =
                      StoredParquet.create(
                          into + "/" + SOURCE + "=" + source + "/sha256=" + sha256 + "/" + PART,
                          temporary,
                          stored.get(source),
                          sparkVersion,
                          conf);
                }
                out.write(values);
              }
              if (out != null) {
                out.finish();
              }
            } finally {
              if (out != null) {
                out.abort();
              }
            }
            written.add(
                RowFactory.create(
                    source,
                    sha256,
                    rows.count(),
                    String.join(",", rows.months()),
                    rows.reading().unknownColumns().toArray(String[]::new),
                    rows.count() == 0 ? rows.reading().noRows() : null,
                    rows.reading().unreadable()));
          }
          return written.iterator();
        };
    return files.mapPartitions(parse, Encoders.row(WRITTEN));
  }

  /** The one Parquet file {@link #parseInto} writes per content. */
  public static final String PART = "part-00000.snappy.parquet";

  /** The folder under {@link #parseInto}'s target where files are written before they are moved. */
  public static final String WRITING = ".writing";

  /** The columns {@link #parseInto} writes: {@link #stored} without the folder's columns. */
  private static StructType storedColumns(SourceSchema schema) {
    StructType out = new StructType();
    for (StructField f : stored(schema).fields()) {
      if (!f.name().equals(SOURCE) && !f.name().equals("sha256")) {
        out = out.add(f);
      }
    }
    return out;
  }

  private static Map<String, RowValidator> validators(
      Map<String, SourceSchema> schemas, ReferenceData reference) {
    Map<String, RowValidator> validators = new LinkedHashMap<>();
    schemas.values().forEach(s -> validators.put(s.name(), new RowValidator(s, reference)));
    return validators;
  }

  /**
   * One file's rows in the layout of {@link #output}, parsed as they are asked for; counts them
   * and, for a monthly source, the months they hold.
   */
  private static final class FileRows implements Iterator<Object[]> {
    private final FileReading reading;
    private final Iterator<RawRow> rows;
    private final String relative;
    private final LocalDate received;
    private final String sha256;
    private final SourceSchema schema;
    private final RowValidator validator;
    private final int periodAt;
    private final java.util.TreeSet<String> months = new java.util.TreeSet<>();
    private long count;

    FileRows(Row file, SourceSchema schema, RowValidator validator, Map<String, String> hadoop) {
      this.reading = FileReading.of(file, schema, hadoop);
      this.rows = reading.rows();
      this.relative = file.getAs("file");
      this.received = file.getAs("received");
      this.sha256 = file.getAs("sha256");
      this.schema = schema;
      this.validator = validator;
      this.periodAt =
          schema.monthly() ? List.of(output(schema).fieldNames()).indexOf("period") : -1;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Object[] next() {
      Object[] own = values(rows.next(), relative, received, sha256, schema, validator);
      if (periodAt >= 0 && own[periodAt] != null) {
        months.add((String) own[periodAt]);
      }
      count++;
      return own;
    }

    long count() {
      return count;
    }

    FileReading reading() {
      return reading;
    }

    java.util.SortedSet<String> months() {
      return months;
    }
  }

  /**
   * One file as read: its rows, its header's unknown columns, why it has no rows should it have
   * none, and why it could not be read (then its one row is an {@code unreadable_file} reject).
   */
  private record FileReading(
      Iterator<RawRow> rows, List<String> unknownColumns, String noRows, String unreadable) {

    /** Reads the file whole from its URI; with a {@code sha256}, the bytes the driver hashed. */
    static FileReading of(Row file, SourceSchema schema, Map<String, String> hadoop) {
      String uri = file.getAs("uri");
      String sha256 = file.getAs("sha256");
      byte[] bytes;
      try {
        bytes = bytes(uri, hadoop);
      } catch (IOException e) {
        String reason = String.valueOf(e.getMessage());
        RawRow.Reject unreadable = RawCsvReader.reject("unreadable_file", "", reason);
        return new FileReading(
            List.of(new RawRow(1, new String[schema.columns().size()], unreadable)).iterator(),
            List.of(),
            null,
            reason);
      }
      if (sha256 != null && !sha256.equals(sha256(bytes))) {
        throw new IllegalStateException(
            uri + " changed while it was being ingested (drops must not change); run again");
      }
      RawCsvReader.Reading reading = RawCsvReader.read(bytes, schema);
      return new FileReading(
          reading.rows(),
          reading.header() == null ? List.of() : reading.header().unknownColumns(),
          RawCsvReader.noRows(bytes, reading),
          null);
    }
  }

  /**
   * One row in the layout of {@link #output}: file, line, received, the typed contract columns
   * (text cells as read on a rejected row), the reject reason, column and value, and the file's
   * SHA-256.
   */
  private static Object[] values(
      RawRow raw,
      String relative,
      LocalDate received,
      String sha256,
      SourceSchema schema,
      RowValidator validator) {
    int width = schema.columns().size();
    RowValidator.Result checked = validator.validate(raw);
    Object[] values = new Object[width + 7];
    values[0] = relative;
    values[1] = raw.line();
    values[2] = received;
    if (checked.accepted()) {
      System.arraycopy(checked.values(), 0, values, 3, width);
    } else {
      // Text cells stay as read, so a rejected row can still be placed in its county.
      for (int c = 0; c < width; c++) {
        if (schema.columns().get(c).type() == SourceSchema.Type.TEXT && raw.cells()[c] != null) {
          values[c + 3] = RawCsvReader.cut(raw.cells()[c]);
        }
      }
      values[width + 3] = checked.reject().reason();
      values[width + 4] = checked.reject().column();
      values[width + 5] = checked.reject().value();
    }
    values[width + 6] = sha256;
    return values;
  }

  /** The SHA-256 of {@code bytes}, in hex. */
  public static String sha256(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  private static java.security.MessageDigest newSha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A whole raw file: local files through java.nio, others through Hadoop's file system. A file
   * over {@link #MAX_FILE_BYTES} is refused before any byte is read.
   */
  public static byte[] bytes(String uri, Map<String, String> hadoop) throws IOException {
    URI location = URI.create(uri);
    if ("file".equals(location.getScheme())) {
      java.nio.file.Path path = java.nio.file.Path.of(location);
      checkSize(Files.size(path));
      return Files.readAllBytes(path);
    }
    try (InputStream in = open(uri, hadoop)) {
      return in.readAllBytes();
    }
  }

  /** A raw file's SHA-256 (hex) and length, of the bytes {@link #bytes} reads. */
  public record FileDigest(String sha256, long bytes) {}

  /** {@link FileDigest} of a raw file, streamed: the file is never held whole in memory. */
  public static FileDigest digest(String uri, Map<String, String> hadoop) throws IOException {
    java.security.MessageDigest sha = newSha256();
    long length = 0;
    try (InputStream in = open(uri, hadoop)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        sha.update(buffer, 0, n);
        length += n;
      }
    }
    return new FileDigest(java.util.HexFormat.of().formatHex(sha.digest()), length);
  }

  private static InputStream open(String uri, Map<String, String> hadoop) throws IOException {
    URI location = URI.create(uri);
    if ("file".equals(location.getScheme())) {
      java.nio.file.Path path = java.nio.file.Path.of(location);
      checkSize(Files.size(path));
      return Files.newInputStream(path);
    }
    Configuration conf = new Configuration(false);
    hadoop.forEach(conf::set);
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
    checkSize(fs.getFileStatus(path).getLen());
    return fs.open(path);
  }

  /** The largest drop file read: files are parsed whole, in memory. */
  public static final long MAX_FILE_BYTES = 1L << 30;

  private static void checkSize(long bytes) throws IOException {
    if (bytes > MAX_FILE_BYTES) {
      throw new IOException(bytes + " bytes, more than the 1 GiB a drop file may hold; split it");
    }
  }

  /** The entries of a Hadoop configuration, for tasks that read files off the local disk. */
  public static Map<String, String> settings(Configuration conf, List<SourceFile> files) {
    return settings(conf, files.stream().anyMatch(f -> !f.uri().startsWith("file:")));
  }

  /**
   * Every entry of a Hadoop configuration when tasks reach a file system other than the local disk
   * ({@code remote}); none otherwise.
   */
  public static Map<String, String> settings(Configuration conf, boolean remote) {
    Map<String, String> settings = new java.util.HashMap<>();
    if (remote) {
      conf.forEach(e -> settings.put(e.getKey(), e.getValue()));
    }
    return settings;
  }
}
