package org.benxi.green.jobs.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * A publisher into an HDFS warehouse for the crash and race tests, run in its own JVM: reads the
 * period's current version, stages a copy of a prepared publication and commits it as the next.
 *
 * <p>Arguments: warehouse URI, prepared folder, period, run id, then {@code list}, {@code
 * kill-at=STEP} or {@code pause-at=STEP} as in {@link PublishingProcess}. Prints DONE, or
 * SUPERSEDED and the message, exiting 4, when another run committed the version first.
 */
public final class HdfsPublishingProcess {
  /** Exit status of a run that lost the commit. */
  static final int SUPERSEDED = 4;

  private HdfsPublishingProcess() {}

  public static void main(String[] args) throws Exception {
    PointerPublications publications = new PointerPublications(args[0], new Configuration());
    Path prepared = Path.of(args[1]);
    String period = args[2];
    String runId = args[3];
    String mode = args[4];
    Publications.Checkpoint checkpoint = step -> PublishingProcess.reached(mode, step);
    var current = publications.current(period);
    int version = current.map(PointerPublications.Pointer::version).orElse(0) + 1;
    String previous = current.map(p -> p.publication().runId()).orElse(null);
    // Beside the prepared folder, in the test's own temporary folder, so that nothing outlives it.
    Path staging = Files.createTempDirectory(prepared.getParent(), "staging").resolve(runId);
    PublishingProcess.copyTree(prepared, staging);
    checkpoint.reached("version read");
    try {
      publications.publish(
          new Publications.Publication(runId, period, "2022-01-31", previous),
          staging,
          version,
          checkpoint);
    } catch (PointerPublications.Superseded e) {
      System.out.println("SUPERSEDED " + e.getMessage());
      System.exit(SUPERSEDED);
    }
    System.out.println("DONE");
  }
}
