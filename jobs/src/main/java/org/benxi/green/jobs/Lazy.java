package org.benxi.green.jobs;

import java.util.function.Supplier;

/**
 * A value computed once, on first use, by whichever thread asks first; the others wait for it. Lets
 * a run define every mart up front and have its writers, running at the same time, build shared
 * inputs once.
 */
public final class Lazy<T> implements Supplier<T> {
  private Supplier<T> compute;
  private T value;

  private Lazy(Supplier<T> compute) {
    this.compute = compute;
  }

  /** A lazy value of {@code compute}. */
  public static <T> Lazy<T> of(Supplier<T> compute) {
    return new Lazy<>(compute);
  }

  @Override
  public synchronized T get() {
    if (compute != null) {
      value = compute.get();
      compute = null;
    }
    return value;
  }
}
