package org.benxi.green.jobs.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.RunConfig;

/**
 * A run's {@code manifest.json}, one per publication (datasets/contract/cli.md): who ran what on
 * which inputs, how the run computed, and every mart it wrote with its row count and content hash.
 * {@code run} writes it; {@code audit}, {@code history} and the next month's run read it back as
 * this record.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String runId,
    String period,
    String asOf,
    boolean asOfGiven,
    String startedAt,
    String finishedAt,
    String codeVersion,
    String sparkVersion,
    String javaVersion,
    Config config,
    Computation computation,
    List<Input> inputs,
    List<Output> outputs,
    List<NotRead> notRead,
    List<String> sourcesWithoutData) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Where the run read and wrote, and how Spark ran (the shuffle width it used). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Config(String dataRoot, String warehouse, String master, int shufflePartitions) {
    /** The entry for a run with {@code config} in {@code spark}, once tuned for its input. */
    public static Config of(RunConfig config, SparkSession spark) {
      return new Config(
          config.dataRoot(),
          config.warehouse(),
          config.spark().master(),
          Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")));
    }
  }

  /**
   * How the run computed: {@code full} with its reason, or {@code incremental} from a base run with
   * the new files and the months recomputed.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Computation(
      String mode,
      String baseRun,
      List<String> newFiles,
      List<String> recomputedMonths,
      String reason) {}

  /** One input file: identity, size, and rows read, accepted and rejected. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Input(
      String file,
      String source,
      String received,
      String sha256,
      long bytes,
      long read,
      long accepted,
      long rejected,
      List<String> unknownColumns) {}

  /** One mart written: where, how many rows, and its content hash ({@link ContentHash}). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Output(String mart, String path, long rows, String contentHash) {}

  /** A file under raw/ the run did not read, and why. */
  public record NotRead(String path, String reason) {}

  /** Inputs by file path. */
  public Map<String, Input> inputsByFile() {
    Map<String, Input> byFile = new LinkedHashMap<>();
    for (Input i : inputs == null ? List.<Input>of() : inputs) {
      byFile.put(i.file(), i);
    }
    return byFile;
  }

  /** Content hashes by mart. */
  public Map<String, String> outputHashes() {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Output o : outputs == null ? List.<Output>of() : outputs) {
      hashes.put(o.mart(), o.contentHash());
    }
    return hashes;
  }

  /** The manifest in {@code file}. */
  public static Manifest read(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the manifest " + file, e);
    }
  }

  /** Writes the manifest into {@code file}, pretty-printed as {@link Json} writes. */
  public void write(Path file) {
    try {
      Files.writeString(file, Json.write(MAPPER.convertValue(this, Map.class)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the manifest " + file, e);
    }
  }
}
