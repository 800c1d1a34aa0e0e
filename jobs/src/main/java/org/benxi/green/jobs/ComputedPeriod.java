package org.benxi.green.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.benxi.green.jobs.publish.Manifest;

/**
 * A period computed into a folder (marts/, reports/, manifest.json), not yet published: its
 * manifest, its indicator rows per status, and how it computed.
 */
public record ComputedPeriod(
    Manifest manifest, Map<String, Long> statusCounts, CarriedState.Plan plan) {

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
