package org.benxi.green.jobs;

/** A command-line value that cannot be used, named with its option: exit status 2, not 1. */
public final class InvalidArgument extends IllegalArgumentException {
  /** {@code message} names the option and says what is wrong with its value. */
  public InvalidArgument(String message) {
    super(message);
  }
}
