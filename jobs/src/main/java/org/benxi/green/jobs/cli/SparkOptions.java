package org.benxi.green.jobs.cli;

import org.benxi.green.jobs.InvalidArgument;
import org.benxi.green.jobs.spark.SparkSettings;
import picocli.CommandLine.Option;

/** The Spark options shared by the commands that compute: master URL and shuffle width. */
final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      defaultValue = "${sys:spark.master:-local[*]}",
      description =
          "Spark master, e.g. spark://host:7077 (default: the one spark-submit was given, else"
              + " local[*], local mode on this machine).")
  String master;

  @Option(
      names = "--shuffle-partitions",
      paramLabel = "N",
      description =
          "Spark shuffle partitions (default: 1 below a million input rows, else one per core and"
              + " at least 2; raise on a cluster).")
  Integer shufflePartitions;

  SparkSettings settings() {
    if (shufflePartitions != null && shufflePartitions < 1) {
      throw new InvalidArgument("--shuffle-partitions must be 1 or more, got " + shufflePartitions);
    }
    return new SparkSettings(
        master, shufflePartitions != null ? shufflePartitions : SparkSettings.BY_INPUT_SIZE);
  }
}
