package org.benxi.green.jobs;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to a thread pool, its failure thrown as the task threw it. */
public final class Tasks {
  private Tasks() {}

  /**
   * The task's result. A runtime exception it threw is thrown as it is; anything else, or an
   * interrupt while {@code doing}, as an {@link IllegalStateException}.
   */
  public static <T> T await(Future<T> task, String doing) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + doing, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }
}
