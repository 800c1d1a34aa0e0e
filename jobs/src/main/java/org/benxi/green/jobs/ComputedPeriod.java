package org.benxi.green.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.benxi.green.jobs.marts.Scopes;
import org.benxi.green.jobs.publish.Manifest;

/**
 * A period computed into a folder (marts/, reports/, manifest.json), not yet published: its
 * manifest, its indicator rows per status, the city's final statuses per plan whose target period
 * is over, and how it computed.
 */
public record ComputedPeriod(
    Manifest manifest,
    Map<String, Long> statusCounts,
    Map<String, Map<String, Long>> finalStatuses,
    CarriedState.Plan plan) {

  /** City rows per final status, by plan, for the plans that have a final evaluation. */
  public static Map<String, Map<String, Long>> finalStatuses(List<Row> progress) {
    Map<String, Map<String, Long>> byPlan = new LinkedHashMap<>();
    for (Row r : progress) {
      String status = r.getAs("final_status");
      if (status != null && Scopes.CITY.equals(r.getAs("scope"))) {
        byPlan
            .computeIfAbsent(r.getAs("plan"), k -> new java.util.TreeMap<>())
            .merge(status, 1L, Long::sum);
      }
    }
    return byPlan;
  }

  /** Rows read, over every input file. */
  public long rowsRead() {
    return manifest.inputs().stream().mapToLong(Manifest.Input::read).sum();
  }

  /** Rows rejected, over every input file. */
  public long rowsRejected() {
    return manifest.inputs().stream().mapToLong(Manifest.Input::rejected).sum();
  }

  /** Input files with columns the contract does not name. */
  public int filesWithUnknownColumns() {
    return (int) manifest.inputs().stream().filter(i -> !i.unknownColumns().isEmpty()).count();
  }

  /** Rows per mart, in publication order. */
  public Map<String, Long> martRows() {
    Map<String, Long> rows = new LinkedHashMap<>();
    manifest.outputs().forEach(o -> rows.put(o.mart(), o.rows()));
    return rows;
  }
}
