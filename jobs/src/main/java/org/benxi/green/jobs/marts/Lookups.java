package org.benxi.green.jobs.marts;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.try_element_at;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.benxi.green.datasets.ReferenceData;

/**
 * The small reference tables as literal maps built on the driver: a lookup is a column expression,
 * so joining to a code list or factor table costs no join, no shuffle and no broadcast job.
 */
public final class Lookups {
  /** Factor precision: small per-m3 CO2 factors need 12 decimals. */
  public static final DecimalType FACTOR = DataTypes.createDecimalType(24, 12);

  /** Unit factor precision. */
  public static final DecimalType UNIT_FACTOR = DataTypes.createDecimalType(20, 6);

  private Lookups() {}

  /** The value of {@code key} in {@code entries}, typed {@code type}; null for an unknown key. */
  static <T> Column lookup(
      Map<String, T> entries, Function<T, Object> value, Column key, DataType type) {
    if (entries.isEmpty()) {
      return lit(null).cast(type);
    }
    ArrayList<Column> pairs = new ArrayList<>();
    new TreeMap<>(entries)
        .forEach(
            (k, v) -> {
              pairs.add(lit(k));
              pairs.add(lit(value.apply(v)).cast(type));
            });
    return try_element_at(map(pairs.toArray(Column[]::new)), key).cast(type);
  }

  /** The sector of an industry class. */
  public static Column sector(ReferenceData reference, Column industryCode) {
    return lookup(reference.industries(), i -> i.sector(), industryCode, DataTypes.StringType);
  }

  /** Whether a waste category is a bulk solid waste. */
  public static Column bulk(ReferenceData reference, Column category) {
    return lookup(reference.wasteCategories(), c -> c.bulk(), category, DataTypes.BooleanType);
  }

  /** Whether counties, not enterprises, report a waste category. */
  public static Column countyLevel(ReferenceData reference, Column category) {
    return lookup(
        reference.wasteCategories(), c -> c.countyLevel(), category, DataTypes.BooleanType);
  }

  /** Whether a power source is non-fossil. */
  public static Column nonFossil(ReferenceData reference, Column source) {
    return lookup(reference.powerSources(), s -> s.nonFossil(), source, DataTypes.BooleanType);
  }

  /** A process's benchmark level, kgce/t, as a double. */
  public static Column benchmarkLevel(ReferenceData reference, Column process) {
    return lookup(
        reference.benchmarks(),
        b -> b.benchmarkKgcePerT().doubleValue(),
        process,
        DataTypes.DoubleType);
  }

  /** A process's baseline level, kgce/t, as a double. */
  public static Column baselineLevel(ReferenceData reference, Column process) {
    return lookup(
        reference.benchmarks(),
        b -> b.baselineKgcePerT().doubleValue(),
        process,
        DataTypes.DoubleType);
  }

  /** A unit's factor to the base unit of its family, typed {@code type}. */
  public static Column factorToBase(ReferenceData reference, Column unit, DecimalType type) {
    return lookup(reference.units(), u -> fit(u.factorToBase(), type), unit, type);
  }

  /** A decimal at the scale of {@code type}, rounded half up as Spark stores it. */
  static BigDecimal fit(BigDecimal value, DecimalType type) {
    return value.setScale(type.scale(), RoundingMode.HALF_UP);
  }
}
