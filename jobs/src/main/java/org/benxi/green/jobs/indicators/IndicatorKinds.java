package org.benxi.green.jobs.indicators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benxi.green.datasets.IndicatorCatalog;
import org.benxi.green.datasets.IndicatorDef;
import org.benxi.green.jobs.indicators.kinds.BenchmarkCapacityShare;
import org.benxi.green.jobs.indicators.kinds.CapacityShare;
import org.benxi.green.jobs.indicators.kinds.CertifiedCount;
import org.benxi.green.jobs.indicators.kinds.EconomyYtd;
import org.benxi.green.jobs.indicators.kinds.EnergyConsumptionYtd;
import org.benxi.green.jobs.indicators.kinds.ForestCoverage;
import org.benxi.green.jobs.indicators.kinds.ProgramRegister;
import org.benxi.green.jobs.indicators.kinds.WasteUtilizationYtd;

/** Every formula kind the catalog may name, registered in this one place. */
public final class IndicatorKinds {
  private static final Map<String, IndicatorKind> BY_NAME = new LinkedHashMap<>();

  static {
    List<IndicatorKind> kinds = new ArrayList<>();
    kinds.add(new WasteUtilizationYtd());
    kinds.add(EconomyYtd.ratio());
    kinds.add(EconomyYtd.intensity());
    kinds.add(new CertifiedCount());
    kinds.add(new CapacityShare());
    kinds.add(new BenchmarkCapacityShare());
    kinds.add(new ForestCoverage());
    kinds.addAll(ProgramRegister.all());
    kinds.add(new EnergyConsumptionYtd());
    kinds.forEach(k -> BY_NAME.put(k.name(), k));
  }

  private IndicatorKinds() {}

  /** The kind named {@code name}; fails naming the known kinds. */
  public static IndicatorKind of(String name) {
    IndicatorKind kind = BY_NAME.get(name);
    if (kind == null) {
      throw new IllegalArgumentException(
          "unknown indicator kind '" + name + "'; known kinds: " + String.join(", ", names()));
    }
    return kind;
  }

  /** The shipped catalog, {@link #check}ed against the registered kinds. */
  public static IndicatorCatalog catalog() {
    IndicatorCatalog catalog = IndicatorCatalog.shipped();
    check(catalog);
    return catalog;
  }

  /**
   * Fails, naming the catalog's file and line and the known kinds, when an indicator names a kind
   * that is not registered or leaves out a parameter its kind needs.
   */
  public static void check(IndicatorCatalog catalog) {
    for (IndicatorDef def : catalog.indicators()) {
      IndicatorKind kind = BY_NAME.get(def.kind());
      if (kind == null) {
        throw new IllegalStateException(
            def.origin()
                + ": indicator "
                + def.id()
                + " has unknown kind '"
                + def.kind()
                + "'; known kinds: "
                + String.join(", ", names()));
      }
      for (String parameter : kind.requiredParameters()) {
        String value = def.params().get(parameter);
        if (value == null || value.isBlank()) {
          throw new IllegalStateException(
              def.origin()
                  + ": indicator "
                  + def.id()
                  + " (kind "
                  + def.kind()
                  + ") needs parameter "
                  + parameter);
        }
      }
    }
  }

  /** The registered kind names, in registration order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }
}
