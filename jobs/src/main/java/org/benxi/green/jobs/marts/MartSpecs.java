package org.benxi.green.jobs.marts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * Every mart a run publishes, in publication order, declared in this one place: the writer checks
 * each mart against its spec, the CSV reports and the carried-state reads follow the specs, and the
 * README's mart table is checked against them.
 */
public final class MartSpecs {
  private static final Map<String, MartSpec> BY_NAME = new LinkedHashMap<>();

  private static final String D = "DECIMAL(28,6)";

  static {
    add(
        "energy_enterprise_month",
        "enterprise and energy code, in the period's month",
        "credit_code, energy_code",
        false,
        "",
        "credit_code STRING NOT NULL, enterprise_name STRING NOT NULL, county_code STRING NOT NULL,"
            + " industry_code STRING, sector STRING NOT NULL, energy_code STRING NOT NULL,"
            + " quantity %1$s, unit STRING NOT NULL, quantity_base %1$s, base_unit STRING NOT NULL,"
            + " tce %1$s, co2_t %1$s",
        null);
    add(
        "energy_sector_month",
        "month (2020-01 to the period), county, sector and energy code",
        "month, county_code, sector, energy_code",
        true,
        "`enterprises` counts the enterprises reporting",
        "month STRING NOT NULL, county_code STRING NOT NULL, sector STRING NOT NULL,"
            + " energy_code STRING NOT NULL, tce %1$s, co2_t %1$s, enterprises INT NOT NULL",
        null);
    add(
        "solid_waste_county_month",
        "waste category, month and county",
        "category, month, county_code",
        true,
        "`bulk` marks the bulk categories of the 75% target; `county_level` the rows counted for"
            + " counties",
        "category STRING NOT NULL, month STRING NOT NULL, county_code STRING NOT NULL,"
            + " generated_t %1$s, utilized_t %1$s, utilized_prior_storage_t %1$s, disposed_t %1$s,"
            + " stored_t %1$s, reports INT NOT NULL, bulk BOOLEAN NOT NULL,"
            + " county_level BOOLEAN NOT NULL",
        null);
    add(
        "green_factory_roster",
        "certification (enterprise and level)",
        "credit_code, level",
        false,
        "",
        "credit_code STRING NOT NULL, enterprise_name STRING NOT NULL, county_code STRING NOT NULL,"
            + " level STRING NOT NULL, batch STRING, certified_on DATE NOT NULL, revoked_on DATE,"
            + " active_at_period_end BOOLEAN NOT NULL",
        null);
    add(
        "power_capacity",
        "power source, month and county",
        "source, month, county_code",
        false,
        "`units` and `capacity_mw` count the units in service at month end",
        "source STRING NOT NULL, month STRING NOT NULL, county_code STRING NOT NULL,"
            + " capacity_mw %1$s, units INT NOT NULL, non_fossil BOOLEAN NOT NULL",
        null);
    add(
        "forest_inventory",
        "county and inventory year, up to the period's year",
        "county_code, year",
        false,
        "`used_for_period` marks the inventory the period's coverage uses",
        "county_code STRING NOT NULL, year INT NOT NULL, land_area_ha %1$s, forest_area_ha %1$s,"
            + " coverage_pct DOUBLE, used_for_period BOOLEAN NOT NULL",
        null);
    add(
        "economy_county_quarter",
        "county and quarter ended by the period",
        "county_code, quarter",
        false,
        "",
        "county_code STRING NOT NULL, quarter STRING NOT NULL, year INT NOT NULL,"
            + " quarter_of_year INT NOT NULL, quarter_index INT NOT NULL, gdp_10k_yuan %1$s,"
            + " gdp_2020_prices_10k_yuan %1$s, sei_value_added_10k_yuan %1$s, energy_tce %1$s,"
            + " co2_t %1$s, water_10k_m3 %1$s",
        null);
    add(
        "line_efficiency",
        "production line, in the period's month",
        "line_id",
        false,
        "`efficiency_class` is `benchmark`, `between`, `below_baseline` or `no_output`",
        "line_id STRING NOT NULL, credit_code STRING NOT NULL, county_code STRING NOT NULL,"
            + " process STRING NOT NULL, capacity_10kt %1$s, energy_tce_12m %1$s,"
            + " output_t_12m %1$s, unit_consumption_kgce_t DOUBLE, benchmark_kgce_t DOUBLE NOT NULL,"
            + " baseline_kgce_t DOUBLE NOT NULL, efficiency_class STRING NOT NULL,"
            + " reported_in_month BOOLEAN",
        null);
    add(
        "indicator_series",
        "indicator, scope and month (2020-01 to the period)",
        "indicator_id, scope, month",
        true,
        "`ttm_value` is the trailing-12-month value a projection uses",
        "indicator_id STRING NOT NULL, scope STRING NOT NULL, month STRING NOT NULL, value DOUBLE,"
            + " ttm_value DOUBLE, missing_reason STRING",
        null);
    add(
        "indicator_progress",
        "indicator, plan and scope",
        "indicator_id, plan, scope",
        false,
        "`missing_reason` says why a `missing` status has no value; `final_*` are set once the"
            + " plan's target period is over (the final evaluation)",
        "indicator_id STRING NOT NULL, scope STRING NOT NULL, value DOUBLE, unit STRING NOT NULL,"
            + " target DOUBLE, comparator STRING NOT NULL, baseline DOUBLE, baseline_source STRING,"
            + " expected DOUBLE, status STRING NOT NULL, projected_2025 DOUBLE, yoy_change DOUBLE,"
            + " yoy_change_pct DOUBLE, change_vs_baseline_pct DOUBLE, missing_reason STRING,"
            + " name_zh STRING NOT NULL, name_en STRING NOT NULL, clause STRING NOT NULL,"
            + " departments_zh STRING NOT NULL, display_order INT NOT NULL, plan STRING NOT NULL,"
            + " target_source STRING, final_period STRING, final_value DOUBLE, final_status STRING",
        null);
    add(
        "quarantine",
        "rejected row, or refused file (no line)",
        "file, line",
        true,
        "",
        "source STRING NOT NULL, file STRING NOT NULL, line INT, column STRING,"
            + " reason STRING NOT NULL, value STRING, received DATE NOT NULL",
        new MartSpec.CsvReport(
            "rejects.csv",
            List.of("source", "file", "line", "column", "reason", "value"),
            List.of("source", "file", "line", "reason")));
    add(
        "warnings",
        "accepted row and the check it fails",
        "file, line, warning, column",
        true,
        "`period` is set for monthly sources",
        "source STRING NOT NULL, file STRING NOT NULL, line INT NOT NULL, received DATE NOT NULL,"
            + " period STRING, county_code STRING, credit_code STRING, warning STRING NOT NULL,"
            + " column STRING NOT NULL, value STRING, detail STRING",
        null);
    List<String> missing =
        List.of("source", "county_code", "credit_code", "enterprise_name", "last_reported_period");
    add(
        "missing_reporters",
        "monthly source and enterprise that reported in any of the previous three months but not"
            + " in the period",
        "source, credit_code",
        false,
        "",
        "source STRING NOT NULL, credit_code STRING NOT NULL, enterprise_name STRING NOT NULL,"
            + " county_code STRING NOT NULL, last_reported_period STRING NOT NULL",
        new MartSpec.CsvReport("missing_reporters.csv", missing, missing));
    List<String> quality =
        List.of(
            "source",
            "county_code",
            "files",
            "rows_read",
            "rows_accepted",
            "rows_rejected",
            "warnings",
            "missing_reporters",
            "latest_received");
    add(
        "data_quality",
        "source and county (`unknown` when a rejected row names none)",
        "source, county_code",
        true,
        "",
        "source STRING NOT NULL, county_code STRING NOT NULL, files INT NOT NULL,"
            + " rows_read BIGINT NOT NULL, rows_accepted BIGINT NOT NULL,"
            + " rows_rejected BIGINT NOT NULL, latest_received DATE, warnings BIGINT NOT NULL,"
            + " missing_reporters BIGINT NOT NULL",
        new MartSpec.CsvReport("data_quality.csv", quality, quality));
    add(
        "data_quality_reasons",
        "source, county, kind (`reject` or `warning`) and code",
        "source, county_code, kind, code",
        true,
        "",
        "source STRING NOT NULL, county_code STRING NOT NULL, kind STRING NOT NULL,"
            + " code STRING NOT NULL, rows BIGINT NOT NULL",
        null);
  }

  private MartSpecs() {}

  private static void add(
      String name,
      String grainText,
      String grain,
      boolean carried,
      String note,
      String columns,
      MartSpec.CsvReport report) {
    BY_NAME.put(
        name,
        new MartSpec(
            name,
            grainText,
            List.of(grain.split(", ")),
            StructType.fromDDL(String.format(java.util.Locale.ROOT, columns, D)),
            carried,
            note,
            report));
  }

  /** The spec of mart {@code name}. */
  public static MartSpec of(String name) {
    MartSpec spec = BY_NAME.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("No mart " + name + "; marts: " + BY_NAME.keySet());
    }
    return spec;
  }

  /** Every spec, in publication order. */
  public static List<MartSpec> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The README's mart table: one row per mart, generated from the specs. */
  public static String readmeTable() {
    StringBuilder table =
        new StringBuilder(
            "| mart | grain (one row per …) | columns (**bold**: never null) | carried |\n"
                + "|---|---|---|---|\n");
    for (MartSpec spec : all()) {
      List<String> notNull = spec.notNull();
      StringBuilder columns = new StringBuilder();
      for (var f : spec.columns().fields()) {
        if (!columns.isEmpty()) {
          columns.append(", ");
        }
        String typed = f.name() + " " + f.dataType().sql().toLowerCase(java.util.Locale.ROOT);
        columns.append(notNull.contains(f.name()) ? "**" + typed + "**" : typed);
      }
      table
          .append("| `")
          .append(spec.name())
          .append("` | ")
          .append(spec.grainText())
          .append(spec.note().isEmpty() ? "" : "; " + spec.note())
          .append(" | ")
          .append(columns)
          .append(" | ")
          .append(spec.carried() ? "yes" : "")
          .append(" |\n");
    }
    return table.toString();
  }
}
