package org.benxi.green.jobs.sources;

/** {@code economy}: each county's values of one quarter alone; no cross-column rule. */
final class Economy implements SourceSpec {
  @Override
  public String name() {
    return "economy";
  }

  @Override
  public boolean monthly() {
    return false;
  }
}
