package org.benxi.green.jobs.cli;

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
      defaultValue = "2",
      description = "Spark shuffle partitions (default: ${DEFAULT-VALUE}; raise on a cluster).")
  int shufflePartitions;

  SparkSettings settings() {
    return new SparkSettings(master, shufflePartitions);
  }
}
