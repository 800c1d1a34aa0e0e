package org.benxi.green.jobs.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.Tasks;
import org.benxi.green.jobs.marts.MartSpec;
import org.benxi.green.jobs.marts.MartSpecs;

/**
 * Writes a mart as one Parquet part file sorted on all its columns, and measures its row count and
 * content hash ({@link ContentHash}) while writing: one Spark job, the mart never read back.
 */
public final class MartWriter {
  private static final AtomicLong OBSERVATIONS = new AtomicLong();

  private MartWriter() {}

  /** Spark jobs kept in flight at once: enough to overlap planning with execution. */
  private static final int CONCURRENT_JOBS = 3;

  /**
   * Runs the {@code first} tasks, then writes every mart of {@code marts} into {@code
   * martsDir}/&lt;name&gt; (on any file system Spark writes to), a few at a time (they are
   * independent, so the driver plans one while the executors run another); returns each mart's
   * manifest entry, in spec order. The first tasks are awaited first, so that a failing check among
   * them fails the writes early; on any failure, the tasks not started are cancelled and the
   * running ones finish before it is thrown.
   */
  public static List<Manifest.Output> writeAll(
      Path martsDir,
      String period,
      Map<String, Supplier<Dataset<Row>>> marts,
      List<Runnable> first,
      ProgressLine progress) {
    List<String> declared = MartSpecs.all().stream().map(MartSpec::name).toList();
    if (!declared.equals(List.copyOf(marts.keySet()))) {
      throw new IllegalStateException(
          "The run computes marts " + marts.keySet() + " but the specs declare " + declared);
    }
    ExecutorService jobs = Executors.newFixedThreadPool(CONCURRENT_JOBS);
    List<Future<?>> submitted = new ArrayList<>();
    try {
      first.forEach(task -> submitted.add(jobs.submit(task)));
      Map<String, Future<ContentHash.Measured>> pending = new LinkedHashMap<>();
      for (MartSpec spec : MartSpecs.all()) {
        Supplier<Dataset<Row>> mart = marts.get(spec.name());
        Future<ContentHash.Measured> written =
            jobs.submit(() -> write(spec, mart.get(), new Path(martsDir, spec.name())));
        pending.put(spec.name(), written);
        submitted.add(written);
      }
      for (Future<?> f : submitted.subList(0, first.size())) {
        Tasks.await(f, "writing marts");
      }
      List<Manifest.Output> written = new ArrayList<>();
      for (Map.Entry<String, Future<ContentHash.Measured>> e : pending.entrySet()) {
        ContentHash.Measured w = Tasks.await(e.getValue(), "writing marts");
        String path = "marts/" + e.getKey() + "/period=" + period;
        written.add(new Manifest.Output(e.getKey(), path, w.rows(), w.hash()));
        progress.update("writing marts", written.size(), pending.size());
      }
      progress.finish("writing marts", written.size() + " marts");
      return written;
    } catch (RuntimeException e) {
      // Tasks not started never start; running ones finish (their Spark jobs would go on writing
      // without them), so nothing writes into the folder once this throws.
      submitted.forEach(f -> f.cancel(false));
      jobs.shutdown();
      try {
        while (!jobs.awaitTermination(1, TimeUnit.MINUTES)) {
          // a mart write can take minutes at national size
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      throw e;
    } finally {
      jobs.shutdownNow();
    }
  }

  /**
   * Writes {@code mart}, checked against its spec and sorted on its sort key, into {@code dir}
   * (which must not exist) and returns what it wrote.
   */
  public static ContentHash.Measured write(MartSpec spec, Dataset<Row> mart, Path dir) {
    spec.check(mart.schema());
    String[] columns = spec.sortKey().toArray(String[]::new);
    Column[] metrics = ContentHash.metrics(columns);
    Observation observation = new Observation("mart-" + OBSERVATIONS.incrementAndGet());
    mart.observe(observation, metrics[0], Arrays.copyOfRange(metrics, 1, metrics.length))
        .repartition(1)
        .sortWithinPartitions(columns[0], Arrays.copyOfRange(columns, 1, columns.length))
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(dir.toString());
    Map<String, Object> values;
    try {
      values = observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while measuring " + dir, e);
    }
    return ContentHash.digest(columns, values.get("rows"), values.get("a"), values.get("b"));
  }
}
