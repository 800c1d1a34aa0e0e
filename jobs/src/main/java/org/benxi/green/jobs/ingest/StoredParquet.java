package org.benxi.green.jobs.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One Parquet file of rows given as Spark's external Java values (String, Integer, Long, Double,
 * Boolean, BigDecimal, LocalDate), laid out as Spark's own writer lays out that schema (its
 * standard, non-legacy format, with the schema and Spark version in the footer), so that Spark
 * reads it back as if it had written it. Written whole under a temporary name, then moved into
 * place: the file appears complete or not at all (on S3 the upload itself is whole).
 */
final class StoredParquet {
  private final ParquetWriter<Object[]> writer;
  private final Runnable publish;
  private final Runnable discard;
  private boolean published;

  private StoredParquet(ParquetWriter<Object[]> writer, Runnable publish, Runnable discard) {
    this.writer = writer;
    this.publish = publish;
    this.discard = discard;
  }

  /**
   * Opens {@code uri} for writing {@code schema}'s rows; {@code conf} configures the file system of
   * a URI that is not {@code file:}, and {@code temporary} is a folder on the same file system for
   * the file while it is written.
   */
  static StoredParquet create(
      String uri, String temporary, StructType schema, String sparkVersion, Configuration conf)
      throws IOException {
    URI target = URI.create(uri);
    String name = UUID.randomUUID() + ".parquet";
    OutputFile out;
    Runnable publish;
    Runnable discard;
    if ("file".equals(target.getScheme())) {
      java.nio.file.Path path = java.nio.file.Path.of(target);
      java.nio.file.Path tmp = java.nio.file.Path.of(URI.create(temporary)).resolve(name);
      Files.createDirectories(path.getParent());
      Files.createDirectories(tmp.getParent());
      out = new LocalOutputFile(tmp);
      publish = () -> unchecked(() -> Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE));
      discard = () -> unchecked(() -> Files.deleteIfExists(tmp));
    } else {
      Path path = new Path(target);
      FileSystem fs = path.getFileSystem(conf);
      boolean whole = "s3a".equals(target.getScheme());
      Path written = whole ? path : new Path(new Path(URI.create(temporary)), name);
      out = HadoopOutputFile.fromPath(written, conf);
      publish =
          () ->
              unchecked(
                  () -> {
                    if (!whole) {
                      fs.mkdirs(path.getParent());
                      moveOnto(fs, written, path);
                    }
                  });
      discard = () -> unchecked(() -> fs.delete(written, false));
    }
    ParquetWriter<Object[]> writer =
        new Builder(out, schema, sparkVersion)
            .withConf(conf)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            // No min/max statistics: no read of the store filters in the scan (a carried month's
            // month filter is or-ed with the drop's file, known only after it), and kept for
            // every string and decimal they were a tenth of a parse task's time.
            .withStatisticsEnabled(false)
            .build();
    return new StoredParquet(writer, publish, discard);
  }

  /**
   * Moves {@code written} onto {@code file}, replacing it: HDFS renames onto no existing file (a
   * retried task's earlier attempt, or an earlier run, may have placed it).
   */
  static void moveOnto(FileSystem fs, Path written, Path file) throws IOException {
    if (!fs.rename(written, file)) {
      fs.delete(file, false);
      if (!fs.rename(written, file)) {
        throw new IOException("cannot move " + written + " to " + file);
      }
    }
  }

  /** Writes one row: {@code values[i]} is the value of the schema's field {@code i}, or null. */
  void write(Object[] values) throws IOException {
    writer.write(values);
  }

  /** Finishes the file and moves it into place. */
  void finish() throws IOException {
    writer.close();
    publish.run();
    published = true;
  }

  /** Removes the temporary file unless {@link #finish} placed it: what a failed write calls. */
  void abort() {
    if (published) {
      return;
    }
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      // the temporary file is removed below either way
    }
    discard.run();
  }

  /**
   * The Parquet schema Spark writes for {@code schema}: strings as UTF-8 binaries, dates as days,
   * decimals as int32, int64 or fixed-length binaries by precision.
   */
  static MessageType messageType(StructType schema) {
    List<Type> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      fields.add(primitive(f));
    }
    return new MessageType("spark_schema", fields);
  }

  private static Type primitive(StructField f) {
    Type.Repetition repetition = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    DataType t = f.dataType();
    if (t.equals(DataTypes.StringType)) {
      return Types.primitive(PrimitiveTypeName.BINARY, repetition)
          .as(LogicalTypeAnnotation.stringType())
          .named(f.name());
    }
    if (t.equals(DataTypes.IntegerType)) {
      return Types.primitive(PrimitiveTypeName.INT32, repetition).named(f.name());
    }
    if (t.equals(DataTypes.LongType)) {
      return Types.primitive(PrimitiveTypeName.INT64, repetition).named(f.name());
    }
    if (t.equals(DataTypes.DoubleType)) {
      return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(f.name());
    }
    if (t.equals(DataTypes.BooleanType)) {
      return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(f.name());
    }
    if (t.equals(DataTypes.DateType)) {
      return Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.dateType())
          .named(f.name());
    }
    if (t instanceof DecimalType d) {
      LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
      if (d.precision() <= 9) {
        return Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal).named(f.name());
      }
      if (d.precision() <= 18) {
        return Types.primitive(PrimitiveTypeName.INT64, repetition).as(decimal).named(f.name());
      }
      return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
          .length(bytesFor(d.precision()))
          .as(decimal)
          .named(f.name());
    }
    throw new IllegalArgumentException(f.name() + ": no Parquet layout for " + t);
  }

  /** The fewest bytes whose two's complement holds every unscaled value of {@code precision}. */
  static int bytesFor(int precision) {
    BigInteger largest = BigInteger.TEN.pow(precision);
    int bytes = 1;
    while (BigInteger.TWO.pow(8 * bytes - 1).compareTo(largest) < 0) {
      bytes++;
    }
    return bytes;
  }

  /** Writes an {@code Object[]} per row through Parquet's record consumer. */
  private static final class RowSupport extends WriteSupport<Object[]> {
    private final StructType schema;
    private final MessageType type;
    private final String sparkVersion;
    private final int[] decimalBytes;
    private RecordConsumer consumer;

    RowSupport(StructType schema, String sparkVersion) {
      this.schema = schema;
      this.type = messageType(schema);
      this.sparkVersion = sparkVersion;
      this.decimalBytes = new int[schema.size()];
      for (int i = 0; i < schema.size(); i++) {
        if (schema.fields()[i].dataType() instanceof DecimalType d && d.precision() > 18) {
          decimalBytes[i] = bytesFor(d.precision());
        }
      }
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(
          type,
          Map.of(
              "org.apache.spark.version",
              sparkVersion,
              "org.apache.spark.sql.parquet.row.metadata",
              schema.json()));
    }

    @Override
    public String getName() {
      return "spark";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] values) {
      consumer.startMessage();
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        Object v = values[i];
        if (v == null) {
          if (!fields[i].nullable()) {
            throw new IllegalArgumentException(fields[i].name() + " is null");
          }
          continue;
        }
        consumer.startField(fields[i].name(), i);
        add(fields[i].dataType(), v, i);
        consumer.endField(fields[i].name(), i);
      }
      consumer.endMessage();
    }

    private void add(DataType t, Object v, int field) {
      try {
        if (t.equals(DataTypes.StringType)) {
          consumer.addBinary(Binary.fromString((String) v));
        } else if (t.equals(DataTypes.IntegerType)) {
          consumer.addInteger((Integer) v);
        } else if (t.equals(DataTypes.LongType)) {
          consumer.addLong((Long) v);
        } else if (t.equals(DataTypes.DoubleType)) {
          consumer.addDouble((Double) v);
        } else if (t.equals(DataTypes.BooleanType)) {
          consumer.addBoolean((Boolean) v);
        } else if (t.equals(DataTypes.DateType)) {
          LocalDate d = v instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) v;
          consumer.addInteger(Math.toIntExact(d.toEpochDay()));
        } else {
          addDecimal((BigDecimal) v, (DecimalType) t, field);
        }
      } catch (ClassCastException e) {
        throw new IllegalArgumentException(
            schema.fields()[field].name() + ": " + v.getClass().getName() + " is not a " + t, e);
      }
    }

    /** The unscaled value at the column's scale, as Spark stores it for the precision. */
    private void addDecimal(BigDecimal value, DecimalType t, int field) {
      BigDecimal scaled = value.setScale(t.scale(), java.math.RoundingMode.UNNECESSARY);
      if (scaled.precision() > t.precision()) {
        throw new IllegalArgumentException(
            schema.fields()[field].name() + ": " + value + " does not fit " + t);
      }
      BigInteger unscaled = scaled.unscaledValue();
      if (t.precision() <= 9) {
        consumer.addInteger(unscaled.intValueExact());
      } else if (t.precision() <= 18) {
        consumer.addLong(unscaled.longValueExact());
      } else {
        byte[] minimal = unscaled.toByteArray();
        byte[] bytes = new byte[decimalBytes[field]];
        byte sign = (byte) (unscaled.signum() < 0 ? -1 : 0);
        int pad = bytes.length - minimal.length;
        java.util.Arrays.fill(bytes, 0, pad, sign);
        System.arraycopy(minimal, 0, bytes, pad, minimal.length);
        consumer.addBinary(Binary.fromConstantByteArray(bytes));
      }
    }
  }

  /** Parquet's writer builder for {@link RowSupport}. */
  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final StructType schema;
    private final String sparkVersion;

    Builder(OutputFile file, StructType schema, String sparkVersion) {
      super(file);
      this.schema = schema;
      this.sparkVersion = sparkVersion;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowSupport(schema, sparkVersion);
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void unchecked(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
