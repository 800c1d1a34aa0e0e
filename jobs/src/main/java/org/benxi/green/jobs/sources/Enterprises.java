package org.benxi.green.jobs.sources;

/** {@code enterprises}: the register every enterprise-level source is checked against. */
final class Enterprises implements SourceSpec {
  @Override
  public String name() {
    return "enterprises";
  }

  @Override
  public boolean monthly() {
    return false;
  }

  @Override
  public boolean register() {
    return true;
  }
}
