package org.benxi.green.jobs.sources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benxi.green.datasets.SourceSchema;

/**
 * Every source the project reads, registered in this one place; {@link #check} holds them to {@code
 * sources.csv}: every source there has a spec here, and the other way round.
 */
public final class SourceSpecs {
  private static final Map<String, SourceSpec> BY_NAME = new LinkedHashMap<>();

  static {
    for (SourceSpec spec :
        List.of(
            new Enterprises(),
            new Energy(),
            new SolidWaste(),
            new GreenFactories(),
            new PowerPlants(),
            new Forest(),
            new Economy(),
            new ProductionLines(),
            new Programs())) {
      BY_NAME.put(spec.name(), spec);
    }
  }

  private SourceSpecs() {}

  /** The spec of {@code source}. */
  public static SourceSpec of(String source) {
    SourceSpec spec = BY_NAME.get(source);
    if (spec == null) {
      throw new IllegalStateException(
          "sources.csv: source " + source + " has no spec; known: " + BY_NAME.keySet());
    }
    return spec;
  }

  /** Every spec, in registration order. */
  public static List<SourceSpec> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The register's spec. */
  public static SourceSpec register() {
    return BY_NAME.values().stream().filter(SourceSpec::register).findFirst().orElseThrow();
  }

  /**
   * Fails unless {@code schemas} and the specs name the same sources, and a spec is monthly exactly
   * when its schema has a {@code period} column.
   */
  public static void check(Map<String, SourceSchema> schemas) {
    if (!schemas.keySet().equals(BY_NAME.keySet())) {
      throw new IllegalStateException(
          "sources.csv names "
              + schemas.keySet()
              + " but the source specs are "
              + BY_NAME.keySet());
    }
    schemas.forEach(
        (name, schema) -> {
          if (of(name).monthly() != schema.monthly()) {
            throw new IllegalStateException(
                "sources.csv: "
                    + name
                    + (schema.monthly() ? " has" : " has no")
                    + " period column, but its spec says otherwise");
          }
        });
  }
}
