package org.benxi.green.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import org.benxi.green.charts.Report;
import org.benxi.green.jobs.marts.MartSpecs;

/**
 * Loads, once per JVM and on daemon threads, what a run needs later and pays for on first use:
 * Tablesaw ({@link Report#preloadInBackground}) and the mart specs, whose column lists Spark's SQL
 * parser reads (building the parser takes about a second on a fresh JVM, which a run would
 * otherwise spend on its one busy thread after the parse job). Best called as a Spark session
 * starts, which leaves a core idle.
 */
public final class Preload {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private Preload() {}

  /** Starts the loading, unless this JVM has started it before. */
  public static void inBackground() {
    Report.preloadInBackground();
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread load =
        new Thread(
            () -> {
              try {
                Class.forName(MartSpecs.class.getName());
              } catch (ClassNotFoundException | LinkageError e) {
                // the run's first use loads them itself and says what is wrong
              }
            },
            "mart-specs-preload");
    load.setDaemon(true);
    load.start();
  }
}
