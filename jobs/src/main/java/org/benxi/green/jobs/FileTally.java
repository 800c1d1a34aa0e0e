package org.benxi.green.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.jobs.ingest.DropStore;
import org.benxi.green.jobs.ingest.SourceFile;
import org.benxi.green.jobs.publish.Manifest;
import org.benxi.green.jobs.quality.DataQuality;

/**
 * Rows per input file, read, accepted and rejected, each counted from its own frame: the manifest's
 * inputs, checked so that no row or file is lost or doubled, and the reject limit.
 */
public final class FileTally {
  private FileTally() {}

  /**
   * Per input file: SHA-256, bytes, and rows read, accepted and rejected, in one Spark job; fails
   * when read != accepted + rejected for any file, or read differs from the data records the file
   * holds. Rows read are counted from the parsed rows, rejected ones from the quarantine, and
   * accepted ones from the outcomes' counts of the data-quality marts, {@code rowsRead} ({@link
   * DataQuality#rowsRead}), so that those are checked too. Files this run did not flag keep the
   * counts of the carried run's manifest, {@code carried}.
   */
  public static List<Manifest.Input> inputs(
      List<DropStore.Drop> drops,
      MonthlyJob.Staging staging,
      Dataset<Row> rowsRead,
      Map<String, Manifest.Input> carried) {
    Dataset<Row> tally =
        perFile(staging.rejects(), 2)
            .unionByName(perFile(staging.parsed(), 0))
            .unionByName(
                rowsRead
                    .filter(col("reject_reason").isNull())
                    .groupBy("file")
                    .agg(sum("rows").cast("long").as("rows"))
                    .select(col("file"), lit(1).as("slot"), col("rows")));
    Map<String, long[]> counts = new HashMap<>();
    for (Row r : tally.collectAsList()) {
      counts.computeIfAbsent(r.getString(0), k -> new long[3])[r.getInt(1)] = r.getLong(2);
    }
    counts.forEach(
        (file, c) -> {
          if (c[0] != c[1] + c[2]) {
            throw new IllegalStateException(
                file + ": read " + c[0] + " rows but accepted " + c[1] + " + rejected " + c[2]);
          }
        });
    List<Manifest.Input> inputs = new ArrayList<>();
    for (DropStore.Drop d : drops) {
      SourceFile f = d.file();
      Manifest.Input before = carried.get(f.relativePath());
      if (before != null) {
        inputs.add(before);
        continue;
      }
      long[] c = counts.getOrDefault(f.relativePath(), new long[3]);
      if (c[0] != d.rows()) {
        throw new IllegalStateException(
            f.relativePath()
                + ": the run read "
                + c[0]
                + " rows but the file holds "
                + d.rows()
                + " data records");
      }
      inputs.add(
          new Manifest.Input(
              f.relativePath(),
              f.source(),
              f.received().toString(),
              d.sha256(),
              d.bytes(),
              c[0],
              c[1],
              c[2],
              d.unknownColumns()));
    }
    return inputs;
  }

  /** Fails, before anything is written, when a source rejects more than the limit. */
  public static void checkRejectionLimit(List<Manifest.Input> inputs, double limit) {
    Map<String, long[]> bySource = new TreeMap<>();
    for (Manifest.Input i : inputs) {
      long[] c = bySource.computeIfAbsent(i.source(), k -> new long[2]);
      c[0] += i.read();
      c[1] += i.rejected();
    }
    bySource.forEach(
        (source, c) -> {
          if (c[0] > 0 && c[1] > limit * c[0]) {
            throw new RejectionLimitExceeded(
                String.format(
                    Locale.ROOT,
                    "%s: %.1f%% of %d rows rejected (limit %.1f%%); nothing published,"
                        + " see ./green validate",
                    source,
                    100.0 * c[1] / c[0],
                    c[0],
                    100 * limit));
          }
        });
  }

  /** A source rejected more rows than the configured limit allows. */
  public static final class RejectionLimitExceeded extends IllegalArgumentException {
    RejectionLimitExceeded(String message) {
      super(message);
    }
  }

  /** Rows per file of {@code rows}, tagged with which count ({@code slot}) they are. */
  private static Dataset<Row> perFile(Dataset<Row> rows, int slot) {
    return rows.groupBy("file")
        .agg(count(lit(1)).as("rows"))
        .select(col("file"), lit(slot).as("slot"), col("rows"));
  }
}
