package org.benxi.green.datasets;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One catalog row: an indicator under one plan. What it measures and the formula kind with the
 * parameters that specialise it (the same in every plan that tracks the indicator), the plan's
 * target and comparator, and where the catalog defines it ({@code file:line}).
 */
public record IndicatorDef(
    String id,
    String nameZh,
    String nameEn,
    String unit,
    Double target,
    Comparator comparator,
    String kind,
    Map<String, String> params,
    String clause,
    String departmentsZh,
    String departmentsEn,
    Double catalogBaseline,
    String baselineSource,
    int displayOrder,
    String origin,
    String plan)
    implements Serializable {

  /** How a value is judged against the target. */
  public enum Comparator {
    /** Value must reach the target. */
    AT_LEAST(">="),
    /** Value must exceed the target. */
    ABOVE(">"),
    /** Value must fall every year; there is no level target. */
    FALLS("falls"),
    /**
     * The change from the plan's baseline, in percent, must be at most the target (a target of
     * -13.5 asks for a fall of 13.5% or more by the target period).
     */
    CHANGE_AT_MOST("change_vs_baseline <=");

    private final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    /** The comparator as written in the catalog. */
    public String symbol() {
      return symbol;
    }

    static Comparator parse(String text, String indicatorId) {
      for (Comparator c : values()) {
        if (c.symbol.equals(text)) {
          return c;
        }
      }
      throw new IllegalStateException(
          "indicators.csv: indicator " + indicatorId + " has unknown comparator '" + text + "'");
    }
  }

  /** A required parameter of the formula kind. */
  public String param(String name) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          "indicators.csv: indicator " + id + " (kind " + kind + ") needs parameter " + name);
    }
    return value;
  }

  /** An optional parameter, or {@code fallback}. */
  public String param(String name, String fallback) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** A parameter holding values separated by {@code |}. */
  public List<String> listParam(String name) {
    return Arrays.asList(param(name).split("\\|"));
  }

  /** True for the "falls every year" kind, judged by its year-on-year change. */
  public boolean fallsEveryYear() {
    return comparator == Comparator.FALLS;
  }

  /** True when the target is a change from the baseline in percent, not a level. */
  public boolean targetsChange() {
    return comparator == Comparator.CHANGE_AT_MOST;
  }

  /** True when the measure and its formula are the same as {@code other}'s (plans aside). */
  public boolean sameMeasure(IndicatorDef other) {
    return id.equals(other.id)
        && nameZh.equals(other.nameZh)
        && nameEn.equals(other.nameEn)
        && unit.equals(other.unit)
        && kind.equals(other.kind)
        && params.equals(other.params);
  }
}
