package org.benxi.green.jobs.marts;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The staged sources of one run, by source name: one row per natural key, the latest drop as of the
 * run. The named accessors are for the marts and kinds that read a given source.
 */
public record MonthlyInputs(Map<String, Dataset<Row>> bySource) {
  /** Requires every source to be present. */
  public MonthlyInputs {
    bySource = Map.copyOf(bySource);
  }

  /** The staged rows of {@code source}. */
  public Dataset<Row> of(String source) {
    Dataset<Row> rows = bySource.get(source);
    if (rows == null) {
      throw new IllegalArgumentException(
          "No staged source " + source + "; have " + bySource.keySet());
    }
    return rows;
  }

  /** The enterprise register. */
  public Dataset<Row> enterprises() {
    return of("enterprises");
  }

  /** Energy use (form 205-1). */
  public Dataset<Row> energy() {
    return of("energy");
  }

  /** Solid-waste reports. */
  public Dataset<Row> solidWaste() {
    return of("solid_waste");
  }

  /** Green-factory certifications. */
  public Dataset<Row> greenFactories() {
    return of("green_factories");
  }

  /** Generating units. */
  public Dataset<Row> powerPlants() {
    return of("power_plants");
  }

  /** Forest inventories. */
  public Dataset<Row> forest() {
    return of("forest");
  }

  /** County economy by quarter. */
  public Dataset<Row> economy() {
    return of("economy");
  }

  /** Production lines by month. */
  public Dataset<Row> productionLines() {
    return of("production_lines");
  }

  /** Program register items with their start dates. */
  public Dataset<Row> programs() {
    return of("programs");
  }
}
