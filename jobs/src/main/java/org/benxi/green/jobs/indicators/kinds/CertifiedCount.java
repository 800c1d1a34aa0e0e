package org.benxi.green.jobs.indicators.kinds;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.jobs.indicators.IndicatorInputs;
import org.benxi.green.jobs.indicators.IndicatorKind;
import org.benxi.green.jobs.indicators.KindSeries;
import org.benxi.green.jobs.marts.Scopes;

/**
 * {@code certified_count}: distinct enterprises with a certification of one of {@code levels}
 * active at the end of the month (certified by then and not yet revoked).
 */
public final class CertifiedCount implements IndicatorKind {
  @Override
  public String name() {
    return "certified_count";
  }

  @Override
  public List<String> requiredParameters() {
    return List.of("levels");
  }

  @Override
  public List<String> inputs() {
    return List.of("certs");
  }

  @Override
  public boolean projectsTrailingValues() {
    return false;
  }

  @Override
  public boolean sumsOverCounties() {
    return true;
  }

  @Override
  public KindSeries compute(IndicatorDef def, IndicatorInputs in) {
    Set<String> levels = Set.copyOf(def.listParam("levels"));
    Map<String, Map<YearMonth, Double>> counts = new HashMap<>();
    for (YearMonth m : in.months()) {
      LocalDate end = m.atEndOfMonth();
      Map<String, Set<String>> active = new HashMap<>();
      for (IndicatorInputs.Cert c : in.certs()) {
        boolean activeAtEnd =
            c.certifiedOn() != null
                && !c.certifiedOn().isAfter(end)
                && (c.revokedOn() == null || c.revokedOn().isAfter(end));
        if (c.county() != null && levels.contains(c.level()) && activeAtEnd) {
          active.computeIfAbsent(c.county(), k -> new HashSet<>()).add(c.creditCode());
          active.computeIfAbsent(Scopes.CITY, k -> new HashSet<>()).add(c.creditCode());
        }
      }
      active.forEach(
          (scope, codes) ->
              counts.computeIfAbsent(scope, k -> new HashMap<>()).put(m, (double) codes.size()));
    }
    return Counts.withZeros(
        counts, !in.certs().isEmpty(), in, "no green-factory roster submitted for");
  }
}
