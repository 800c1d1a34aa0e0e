package org.benxi.green.datasets;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The code lists and factors of {@code reference/}: the shipped set, overridden file by file by a
 * data root's own {@code reference/} folder.
 */
public record ReferenceData(
    Map<String, County> counties,
    Map<String, Park> parks,
    Map<String, Industry> industries,
    Map<String, Unit> units,
    Map<String, EnergyFactor> energyFactors,
    List<GridFactor> gridFactors,
    Map<String, WasteCategory> wasteCategories,
    Map<String, EfficiencyBenchmark> benchmarks,
    Map<String, PowerSource> powerSources,
    QualityRules quality,
    List<PlausibleRange> plausibleRanges,
    Map<String, Sector> sectors,
    List<CountyTarget> countyTargets)
    implements Serializable {

  /** A sector the reports group industries and energy use under, with its names. */
  public record Sector(String sector, String nameZh, String nameEn) implements Serializable {}

  /**
   * A county's own target for one indicator of one plan ({@code county_targets.csv}, optional),
   * with where the allocation comes from and the file line that gives it.
   */
  public record CountyTarget(
      String indicatorId,
      String plan,
      String countyCode,
      double target,
      String source,
      String origin)
      implements Serializable {}

  /** Thresholds of the accepted-but-flagged checks ({@code quality_rules.csv}). */
  public record QualityRules(
      double wasteBalanceTolerance, double monthOverMonthFactor, int missingReporterLookbackMonths)
      implements Serializable {}

  /** Bounds outside which an accepted value is flagged ({@code plausible_ranges.csv}). */
  public record PlausibleRange(String source, String column, BigDecimal min, BigDecimal max)
      implements Serializable {}

  /** One county-level division of the city. */
  public record County(String code, String nameZh, String nameEn) implements Serializable {}

  /** One industrial park. */
  public record Park(String code, String nameZh, String countyCode, String level)
      implements Serializable {}

  /** One GB/T 4754-2017 class and the sector the reports group it under. */
  public record Industry(String code, String nameZh, String sector) implements Serializable {}

  /** One unit of measure and its factor to the base unit of its family. */
  public record Unit(String unit, String baseUnit, BigDecimal factorToBase)
      implements Serializable {}

  /**
   * Standard-coal and CO2 factors of one energy, per its base unit; CO2 of electricity is by year.
   */
  public record EnergyFactor(
      String code,
      String nameZh,
      String nameEn,
      String baseUnit,
      Set<String> allowedUnits,
      BigDecimal kgcePerBaseUnit,
      BigDecimal tco2PerBaseUnit)
      implements Serializable {}

  /** A grid emission factor for electricity, applying from {@code factorYear} on. */
  public record GridFactor(int factorYear, String region, BigDecimal kgco2PerKwh)
      implements Serializable {}

  /** A solid-waste category, whether it is a bulk waste, and whether counties report it. */
  public record WasteCategory(
      String category, String nameZh, String nameEn, boolean bulk, boolean countyLevel)
      implements Serializable {}

  /** Benchmark and baseline unit consumption (kgce/t) of one process. */
  public record EfficiencyBenchmark(
      String process,
      String nameZh,
      String nameEn,
      BigDecimal benchmarkKgcePerT,
      BigDecimal baselineKgcePerT,
      boolean allowsNegativeEnergy)
      implements Serializable {}

  /** A power source and whether it counts as non-fossil. */
  public record PowerSource(String source, String nameZh, boolean nonFossil)
      implements Serializable {}

  /** The shipped set. */
  public static ReferenceData shipped() {
    return load(null);
  }

  /** The shipped set, with files in {@code dataRoot/reference} (when present) taking precedence. */
  public static ReferenceData load(Path dataRoot) {
    Function<String, CsvTable> read =
        name -> {
          Path own = dataRoot == null ? null : override(dataRoot, name);
          return own != null ? CsvTable.file(own) : CsvTable.resource("green/reference/" + name);
        };
    CsvTable counties = read.apply("counties.csv");
    CsvTable parks = read.apply("parks.csv");
    CsvTable industries = read.apply("industries.csv");
    CsvTable units = read.apply("units.csv");
    CsvTable energy = read.apply("energy_factors.csv");
    CsvTable grid = read.apply("grid_emission_factors.csv");
    CsvTable waste = read.apply("waste_categories.csv");
    CsvTable bench = read.apply("efficiency_benchmarks.csv");
    CsvTable power = read.apply("power_sources.csv");
    CsvTable rules = read.apply("quality_rules.csv");
    CsvTable ranges = read.apply("plausible_ranges.csv");
    CsvTable sectors = read.apply("sectors.csv");
    Path ownTargets = dataRoot == null ? null : override(dataRoot, "county_targets.csv");
    List<CountyTarget> countyTargets =
        ownTargets == null ? List.of() : countyTargets(CsvTable.file(ownTargets));
    Map<String, String> rule = new LinkedHashMap<>();
    rules.rows().forEach(r -> rule.put(rules.get(r, "rule"), rules.get(r, "value")));

    ReferenceData data =
        new ReferenceData(
            index(
                counties,
                r ->
                    new County(
                        counties.get(r, "county_code"),
                        counties.get(r, "name_zh"),
                        counties.get(r, "name_en")),
                County::code),
            index(
                parks,
                r ->
                    new Park(
                        parks.get(r, "park_code"),
                        parks.get(r, "name_zh"),
                        parks.get(r, "county_code"),
                        parks.get(r, "level")),
                Park::code),
            index(
                industries,
                r ->
                    new Industry(
                        industries.get(r, "industry_code"),
                        industries.get(r, "name_zh"),
                        industries.get(r, "sector")),
                Industry::code),
            index(
                units,
                r ->
                    new Unit(
                        units.get(r, "unit"),
                        units.get(r, "base_unit"),
                        new BigDecimal(units.get(r, "factor_to_base"))),
                Unit::unit),
            index(
                energy,
                r ->
                    new EnergyFactor(
                        energy.get(r, "energy_code"),
                        energy.get(r, "name_zh"),
                        energy.get(r, "name_en"),
                        energy.get(r, "base_unit"),
                        Set.copyOf(Arrays.asList(energy.get(r, "allowed_units").split("\\|"))),
                        new BigDecimal(energy.get(r, "kgce_per_base_unit")),
                        decimalOrNull(energy.get(r, "tco2_per_base_unit"))),
                EnergyFactor::code),
            grid
                .map(
                    r ->
                        new GridFactor(
                            Integer.parseInt(grid.get(r, "factor_year")),
                            grid.get(r, "region"),
                            new BigDecimal(grid.get(r, "kgco2_per_kwh"))))
                .stream()
                .sorted((a, b) -> Integer.compare(a.factorYear(), b.factorYear()))
                .toList(),
            index(
                waste,
                r ->
                    new WasteCategory(
                        waste.get(r, "category"),
                        waste.get(r, "name_zh"),
                        waste.get(r, "name_en"),
                        "Y".equals(waste.get(r, "bulk")),
                        "Y".equals(waste.get(r, "county_level"))),
                WasteCategory::category),
            index(
                bench,
                r ->
                    new EfficiencyBenchmark(
                        bench.get(r, "process"),
                        bench.get(r, "name_zh"),
                        bench.get(r, "name_en"),
                        new BigDecimal(bench.get(r, "benchmark_kgce_t")),
                        new BigDecimal(bench.get(r, "baseline_kgce_t")),
                        "Y".equals(bench.get(r, "allows_negative_energy"))),
                EfficiencyBenchmark::process),
            index(
                power,
                r ->
                    new PowerSource(
                        power.get(r, "source"),
                        power.get(r, "name_zh"),
                        "Y".equals(power.get(r, "non_fossil"))),
                PowerSource::source),
            new QualityRules(
                number(rule, "waste_balance_tolerance", rules).doubleValue(),
                number(rule, "month_over_month_factor", rules).doubleValue(),
                number(rule, "missing_reporter_lookback_months", rules).intValueExact()),
            ranges.map(
                r ->
                    new PlausibleRange(
                        ranges.get(r, "source"),
                        ranges.get(r, "column"),
                        new BigDecimal(ranges.get(r, "min")),
                        new BigDecimal(ranges.get(r, "max")))),
            index(
                sectors,
                r ->
                    new Sector(
                        sectors.get(r, "sector"),
                        sectors.get(r, "name_zh"),
                        sectors.get(r, "name_en")),
                Sector::sector),
            countyTargets);
    data.checkConsistency(energy.origin());
    data.checkCountyTargets();
    data.checkSectors(industries.origin());
    return data;
  }

  /** The county targets of {@code table}; a target that is not a number is refused by line. */
  private static List<CountyTarget> countyTargets(CsvTable table) {
    List<CountyTarget> targets = new java.util.ArrayList<>();
    for (int i = 0; i < table.rows().size(); i++) {
      Map<String, String> r = table.rows().get(i);
      String origin = "reference/county_targets.csv:" + table.lines().get(i);
      String text = table.get(r, "target");
      double target;
      try {
        target = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(origin + ": target '" + text + "' is not a number");
      }
      if (table.get(r, "source").isBlank()) {
        throw new IllegalArgumentException(origin + ": a county target needs its source");
      }
      targets.add(
          new CountyTarget(
              table.get(r, "indicator_id"),
              table.get(r, "plan"),
              table.get(r, "county_code"),
              target,
              table.get(r, "source"),
              origin));
    }
    return List.copyOf(targets);
  }

  /** The county target of one indicator, plan and county, if the data root gives one. */
  public java.util.Optional<CountyTarget> countyTarget(
      String indicatorId, String plan, String countyCode) {
    return countyTargets.stream()
        .filter(
            t ->
                t.indicatorId().equals(indicatorId)
                    && t.plan().equals(plan)
                    && t.countyCode().equals(countyCode))
        .findFirst();
  }

  private void checkSectors(String industriesOrigin) {
    for (Industry industry : industries.values()) {
      if (!sectors.containsKey(industry.sector())) {
        throw new IllegalStateException(
            industriesOrigin
                + ": industry "
                + industry.code()
                + " is in sector '"
                + industry.sector()
                + "', which sectors.csv does not name");
      }
    }
  }

  private void checkCountyTargets() {
    Set<String> seen = new java.util.HashSet<>();
    for (CountyTarget t : countyTargets) {
      if (!counties.containsKey(t.countyCode())) {
        throw new IllegalArgumentException(
            t.origin() + ": county_code '" + t.countyCode() + "' is not in counties.csv");
      }
      if (!seen.add(t.indicatorId() + "|" + t.plan() + "|" + t.countyCode())) {
        throw new IllegalArgumentException(
            t.origin() + ": a second target for " + t.indicatorId() + " in " + t.countyCode());
      }
    }
  }

  /**
   * The data root's own {@code reference/<name>}, or {@code null} when it has none. A file that is
   * not a regular file inside the data root (a link out of it, a folder) is refused by name, and
   * its target is never read.
   */
  private static Path override(Path dataRoot, String name) {
    Path own = dataRoot.resolve("reference").resolve(name);
    if (!Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    String shown = "reference/" + name;
    try {
      if (!own.toRealPath().startsWith(dataRoot.toRealPath())) {
        throw new IllegalArgumentException(
            shown + ": a symbolic link that leads outside the data root; not read");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(shown + ": cannot be read (" + e.getMessage() + ")");
    }
    if (!Files.isRegularFile(own)) {
      throw new IllegalArgumentException(shown + ": not a regular file");
    }
    return own;
  }

  /** The grid factor for electricity used in {@code dataYear}: the latest one not after it. */
  public GridFactor gridFactorFor(int dataYear) {
    GridFactor chosen = gridFactors.get(0);
    for (GridFactor factor : gridFactors) {
      if (factor.factorYear() <= dataYear) {
        chosen = factor;
      }
    }
    return chosen;
  }

  private void checkConsistency(String energyOrigin) {
    if (gridFactors.isEmpty()) {
      throw new IllegalStateException("grid_emission_factors.csv has no rows");
    }
    for (EnergyFactor factor : energyFactors.values()) {
      for (String unit : factor.allowedUnits()) {
        Unit known = units.get(unit);
        if (known == null || !known.baseUnit().equals(factor.baseUnit())) {
          throw new IllegalStateException(
              energyOrigin
                  + ": energy "
                  + factor.code()
                  + " allows unit '"
                  + unit
                  + "' which units.csv does not define with base unit "
                  + factor.baseUnit());
        }
      }
    }
  }

  private static String required(Map<String, String> values, String key, CsvTable table) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException(table.origin() + ": missing rule " + key);
    }
    return value;
  }

  private static BigDecimal number(Map<String, String> values, String key, CsvTable table) {
    String value = required(values, key, table);
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          table.origin() + ": rule " + key + " is not a number: '" + value + "'");
    }
  }

  private static BigDecimal decimalOrNull(String text) {
    return text == null || text.isEmpty() ? null : new BigDecimal(text);
  }

  private static <T> Map<String, T> index(
      CsvTable table, Function<Map<String, String>, T> parse, Function<T, String> key) {
    return table.map(parse).stream()
        .collect(
            Collectors.toMap(
                key,
                Function.identity(),
                (a, b) -> {
                  throw new IllegalStateException(
                      table.origin() + ": duplicate code " + key.apply(a));
                },
                LinkedHashMap::new));
  }
}
