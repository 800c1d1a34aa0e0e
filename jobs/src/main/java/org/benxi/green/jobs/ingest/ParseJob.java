package org.benxi.green.jobs.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;

/**
 * Parses raw files of one source into typed rows: one output row per non-blank data row, either
 * accepted (typed values) or rejected (reason, column, value, and the text cells as read), with
 * file and physical line.
 */
public final class ParseJob {
  private ParseJob() {}

  /**
   * {@code files} has Spark's {@code binaryFile} columns {@code path} and {@code content}; the
   * path's last four segments must be {@code raw/<source>/received=<date>/<name>}.
   */
  public static Dataset<Row> transform(
      Dataset<Row> files, SourceSchema schema, ReferenceData reference) {
    StructType out = StagingSchemas.parsed(schema);
    RowValidator validator = new RowValidator(schema, reference);
    int width = schema.columns().size();
    FlatMapFunction<Row, Row> parse =
        file -> {
          String relative = relativePath(file.getAs("path"));
          SourceFile source = SourceFile.fromRelative(relative, file.getAs("path"));
          LocalDate received = source.received();
          byte[] content = file.getAs("content");
          Iterator<RawRow> rows = RawCsvReader.read(content, schema, header -> {});
          List<Row> result = new ArrayList<>();
          while (rows.hasNext()) {
            RawRow raw = rows.next();
            RowValidator.Result checked = validator.validate(raw);
            Object[] values = new Object[width + 6];
            values[0] = relative;
            values[1] = raw.line();
            values[2] = received;
            if (checked.accepted()) {
              System.arraycopy(checked.values(), 0, values, 3, width);
            } else {
              // Text cells stay as read, so a rejected row can still be placed in its county.
              for (int c = 0; c < width; c++) {
                if (schema.columns().get(c).type() == SourceSchema.Type.TEXT) {
                  values[c + 3] = raw.cells()[c];
                }
              }
              values[width + 3] = checked.reject().reason();
              values[width + 4] = checked.reject().column();
              values[width + 5] = checked.reject().value();
            }
            result.add(RowFactory.create(values));
          }
          return result.iterator();
        };
    return files.select("path", "content").flatMap(parse, Encoders.row(out));
  }

  /** {@code raw/<source>/received=<date>/<name>} from a file URI. */
  public static String relativePath(String uri) {
    String[] parts = uri.split("/");
    int n = parts.length;
    if (n < 4) {
      throw new IllegalArgumentException("Not a raw drop file: " + uri);
    }
    return String.join("/", parts[n - 4], parts[n - 3], parts[n - 2], parts[n - 1]);
  }
}
