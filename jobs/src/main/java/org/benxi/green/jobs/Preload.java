package org.benxi.green.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import org.benxi.green.charts.Report;
import org.benxi.green.jobs.marts.MartSpecs;

/**
 * Loads, once per JVM and on a daemon thread, what a run needs later and pays for on first use: the
 * mart specs, whose column lists Spark's SQL parser reads (building the parser takes about a second
 * on a fresh JVM, which a run would otherwise spend on its one busy thread after the parse job),
 * then Tablesaw for the report ({@link Report#preload}). Best called as a Spark session starts,
 * which leaves a core idle.
 */
public final class Preload {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private Preload() {}

  /** Starts the loading, unless this JVM has started it before. */
  public static void inBackground() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread load =
        new Thread(
            () -> {
              try {
                Class.forName(MartSpecs.class.getName());
              } catch (ClassNotFoundException | LinkageError e) {
                // the run's own first use of the specs fails with the same error
              }
              Report.preload();
            },
            "preload");
    load.setDaemon(true);
    load.start();
  }
}
