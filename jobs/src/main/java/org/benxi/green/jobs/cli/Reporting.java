package org.benxi.green.jobs.cli;

import java.io.PrintStream;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.Plan;
import org.benxi.green.jobs.RunSummary;

/** The few lines a run prints: what it read, what it published and where. */
final class Reporting {
  private Reporting() {}

  static void printSummary(PrintStream out, RunSummary s) {
    for (String cleared : s.cleared()) {
      out.printf("Cleared what an interrupted run left: %s.%n", cleared);
    }
    out.println(s.computation() + ".");
    out.printf(
        "Read %d files, %d rows (%d rejected, see rejects.csv; %d flagged with warnings).%n",
        s.files(), s.rowsRead(), s.rowsRejected(), s.warnings());
    if (s.filesWithUnknownColumns() > 0) {
      out.printf(
          "%d files have columns the contract does not know; they were ignored (see the"
              + " manifest's unknown_columns).%n",
          s.filesWithUnknownColumns());
    }
    long missing = s.martRows().getOrDefault("missing_reporters", 0L);
    if (missing > 0) {
      out.printf(
          "%d enterprises reported in the previous three months but not for this period"
              + " (missing_reporters.csv).%n",
          missing);
    }
    out.printf("Indicator status: %s%n", s.statusCounts());
    IndicatorCatalog catalog = IndicatorCatalog.shipped();
    s.finalStatuses()
        .forEach(
            (planId, counts) -> {
              Plan plan = catalog.plan(planId);
              out.printf(
                  "Final evaluation of %s at %s (city): %s%n",
                  plan.document(), plan.targetPeriod(), counts);
            });
    out.printf("Published %s (run %s)%n", s.publication(), s.runId());
    out.printf(
        "  indicators.csv, rejects.csv, data_quality.csv, missing_reporters.csv; marts: %d;"
            + " manifest: %s%n",
        s.martRows().size(), s.manifest());
  }
}
