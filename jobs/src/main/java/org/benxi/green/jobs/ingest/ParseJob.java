package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
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
  /** Files of a source to parse: where to read each, its path in the data root, its drop. */
  public static final StructType FILES =
      new StructType()
          .add("uri", DataTypes.StringType, false)
          .add("file", DataTypes.StringType, false)
          .add("received", DataTypes.DateType, false)
          .add("sha256", DataTypes.StringType, true);

  private ParseJob() {}

  /** The {@link #FILES} frame of {@code files}, with their content hashes when known. */
  public static Dataset<Row> files(
      SparkSession spark, List<SourceFile> files, Map<String, String> sha256ByUri) {
    List<Row> rows = new ArrayList<>();
    for (SourceFile f : files) {
      rows.add(
          RowFactory.create(f.uri(), f.relativePath(), f.received(), sha256ByUri.get(f.uri())));
    }
    return spark.createDataFrame(rows, FILES);
  }

  /** The output schema: the parsed rows of {@code schema}, then the file's {@code sha256}. */
  public static StructType output(SourceSchema schema) {
    return StagingSchemas.parsed(schema).add("sha256", DataTypes.StringType, true);
  }

  /**
   * Parses every file of {@code files} ({@link #FILES}). {@code hadoop} is the configuration for
   * files that are not on the local file system.
   */
  public static Dataset<Row> transform(
      Dataset<Row> files,
      SourceSchema schema,
      ReferenceData reference,
      Map<String, String> hadoop) {
    StructType out = output(schema);
    RowValidator validator = new RowValidator(schema, reference);
    int width = schema.columns().size();
    FlatMapFunction<Row, Row> parse =
        file -> {
          String relative = file.getAs("file");
          LocalDate received = file.getAs("received");
          String sha256 = file.getAs("sha256");
          Iterator<RawRow> rows;
          try {
            rows = read(file.getAs("uri"), sha256, hadoop, schema);
          } catch (IOException e) {
            RawRow.Reject unreadable =
                RawCsvReader.reject("unreadable_file", "", String.valueOf(e.getMessage()));
            rows = List.of(new RawRow(1, new String[width], unreadable)).iterator();
          }
          List<Row> result = new ArrayList<>();
          while (rows.hasNext()) {
            RawRow raw = rows.next();
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
                if (schema.columns().get(c).type() == SourceSchema.Type.TEXT
                    && raw.cells()[c] != null) {
                  values[c + 3] = RawCsvReader.cut(raw.cells()[c]);
                }
              }
              values[width + 3] = checked.reject().reason();
              values[width + 4] = checked.reject().column();
              values[width + 5] = checked.reject().value();
            }
            values[width + 6] = sha256;
            result.add(RowFactory.create(values));
          }
          return result.iterator();
        };
    return files.flatMap(parse, Encoders.row(out));
  }

  /**
   * The rows of one file, read whole from its URI; when {@code sha256} is given, the bytes must
   * still be the ones the driver hashed.
   */
  static Iterator<RawRow> read(
      String uri, String sha256, Map<String, String> hadoop, SourceSchema schema)
      throws IOException {
    byte[] bytes = bytes(uri, hadoop);
    if (sha256 != null && !sha256.equals(sha256(bytes))) {
      throw new IllegalStateException(
          uri + " changed while it was being ingested (drops must not change); run again");
    }
    return RawCsvReader.read(bytes, schema).rows();
  }

  /** The SHA-256 of {@code bytes}, in hex. */
  public static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
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
    Configuration conf = new Configuration(false);
    hadoop.forEach(conf::set);
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
    checkSize(fs.getFileStatus(path).getLen());
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
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
    boolean remote = files.stream().anyMatch(f -> !f.uri().startsWith("file:"));
    Map<String, String> settings = new java.util.HashMap<>();
    if (remote) {
      conf.forEach(e -> settings.put(e.getKey(), e.getValue()));
    }
    return settings;
  }
}
