package org.benxi.green.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.RejectReasons;
import org.benxi.green.datasets.SourceSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowValidatorTest {
  private static final Map<String, SourceSchema> SCHEMAS = SourceSchema.shipped();
  private static final ReferenceData REFERENCE = ReferenceData.shipped();
  static final String CODE = "91350100M000100Y43";

  /** Validates the single data row of a CSV text for {@code source}. */
  static RowValidator.Result check(String source, String csv) {
    SourceSchema schema = SCHEMAS.get(source);
    RawRow row = RawCsvReader.read(csv.getBytes(StandardCharsets.UTF_8), schema).rows().next();
    return new RowValidator(schema, REFERENCE).validate(row);
  }

  @ParameterizedTest(name = "{0}: {3}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          energy; credit_code,period,energy_code,quantity,unit; 91350100M000100Y44,2024-01,coke,1,t; bad_credit_code; credit_code
          energy; credit_code,period,energy_code,quantity,unit; 91350100M000100Y43,2024-13,coke,1,t; bad_period; period
          energy; credit_code,period,energy_code,quantity,unit; 91350100M000100Y43,2024-01,coal_slurry,1,t; unknown_energy_code; energy_code
          energy; credit_code,period,energy_code,quantity,unit; 91350100M000100Y43,2024-01,coke,-1,t; negative_value; quantity
          energy; credit_code,period,energy_code,quantity,unit; 91350100M000100Y43,2024-01,coke,1 t,t; bad_number; quantity
          energy; credit_code,period,energy_code,quantity,unit; 91350100M000100Y43,2024-01,coke,1,bucket; unknown_unit; unit
          energy; credit_code,period,energy_code,quantity,unit; 91350100M000100Y43,2024-01,electricity,1,t; unit_not_allowed; unit
          energy; credit_code,period,energy_code,quantity,unit; 91350100M000100Y43,,coke,1,t; required; period
          solid_waste; county_code,credit_code,period,category,generated_t,utilized_t,utilized_prior_storage_t,disposed_t,stored_t; 210505,91350100M000100Y43,2024-01,tailings,10,3,4,1,6; prior_storage_exceeds_utilized; utilized_prior_storage_t
          solid_waste; county_code,credit_code,period,category,generated_t,utilized_t,utilized_prior_storage_t,disposed_t,stored_t; 210505,,2024-01,tailings,10,3,0,1,6; credit_code_required; credit_code
          solid_waste; county_code,credit_code,period,category,generated_t,utilized_t,utilized_prior_storage_t,disposed_t,stored_t; 210599,,2024-01,crop_straw,10,3,0,1,6; unknown_county; county_code
          solid_waste; county_code,credit_code,period,category,generated_t,utilized_t,utilized_prior_storage_t,disposed_t,stored_t; 210505,,2024-01,red_mud,10,3,0,1,6; unknown_category; category
          green_factories; credit_code,level,batch,certified_on,revoked_on; 91350100M000100Y43,national,b,2023-05-01,2023-05-01; revoked_before_certified; revoked_on
          green_factories; credit_code,level,batch,certified_on,revoked_on; 91350100M000100Y43,county,b,2023-05-01,; unknown_value; level
          green_factories; credit_code,level,batch,certified_on,revoked_on; 91350100M000100Y43,national,b,2023-02-30,; bad_date; certified_on
          power_plants; unit_id,name,county_code,source,capacity_mw,commissioned_on,retired_on; U1,n,210502,coal,0,2020-01-01,; not_positive; capacity_mw
          power_plants; unit_id,name,county_code,source,capacity_mw,commissioned_on,retired_on; U1,n,210502,coal,10,2020-01-01,2019-12-31; retired_before_commissioned; retired_on
          power_plants; unit_id,name,county_code,source,capacity_mw,commissioned_on,retired_on; U1,n,210502,tidal,10,2020-01-01,; unknown_power_source; source
          forest; county_code,year,land_area_ha,forest_area_ha; 210502,2023,100,101; forest_exceeds_land; forest_area_ha
          forest; county_code,year,land_area_ha,forest_area_ha; 210502,23,100,50; bad_year; year
          economy; county_code,quarter,gdp_10k_yuan,gdp_2020_prices_10k_yuan,sei_value_added_10k_yuan,energy_tce,co2_t,water_10k_m3; 210502,2024-Q5,1,1,0,0,0,0; bad_quarter; quarter
          production_lines; credit_code,line_id,process,capacity_10kt,period,output_t,energy_tce; 91350100M000100Y43,L1,sintering,100,2024-01,10,-5; negative_energy_not_allowed; energy_tce
          production_lines; credit_code,line_id,process,capacity_10kt,period,output_t,energy_tce; 91350100M000100Y43,L1,smelting,100,2024-01,10,5; unknown_process; process
          programs; program,item_id,county_code,status,completed_on,area_mu; beautiful_village,V1,210521,completed,,; completed_without_date; completed_on
          programs; program,item_id,county_code,status,completed_on,area_mu; conservation_tillage,T1,210521,planned,,; area_required; area_mu
          enterprises; credit_code,name,county_code,industry_code,park_code,above_designated_size; 91350100M000100Y43,n,210502,9999,,Y; unknown_industry; industry_code
          enterprises; credit_code,name,county_code,industry_code,park_code,above_designated_size; 91350100M000100Y43,n,210502,3110,NOPE,Y; unknown_park; park_code
          enterprises; credit_code,name,county_code,industry_code,park_code,above_designated_size; 91350100M000100Y43,n,210502,3110,,maybe; bad_flag; above_designated_size
          """)
  void rejectsWithTheReasonAndColumn(
      String source, String header, String row, String reason, String column) {
    RowValidator.Result result = check(source, header + "\n" + row + "\n");
    assertEquals(reason, result.reject() == null ? null : result.reject().reason());
    assertEquals(column, result.reject().column());
    assertTrue(RejectReasons.all().containsKey(reason), "reason has messages: " + reason);
  }

  @Test
  void acceptsTypedValuesIncludingGroupedNumbersAndNegativeConverterEnergy() {
    RowValidator.Result energy =
        check(
            "energy",
            "credit_code,period,energy_code,quantity,unit\n"
                + CODE
                + ",2024-01,coke,\"12,345.6\",10kt\n");
    assertNull(energy.reject());
    assertEquals(0, new BigDecimal("12345.6").compareTo((BigDecimal) energy.values()[3]));

    RowValidator.Result converter =
        check(
            "production_lines",
            "credit_code,line_id,process,capacity_10kt,period,output_t,energy_tce\n"
                + CODE
                + ",C1,converter,300,2024-01,1000,-25\n");
    assertNull(converter.reject());

    RowValidator.Result factory =
        check(
            "green_factories",
            "credit_code,level,batch,certified_on,revoked_on\n"
                + CODE
                + ",national,第7批,2022-11-01,\n");
    assertEquals(LocalDate.of(2022, 11, 1), factory.values()[3]);
    assertNull(factory.values()[4]);
  }

  @Test
  void everyReasonCodeTheRulesCanProduceHasMessages() {
    for (String reason :
        new String[] {
          "missing_column", "wrong_field_count", "duplicate_key", "unknown_enterprise"
        }) {
      assertTrue(RejectReasons.all().containsKey(reason), reason);
      assertTrue(
          !RejectReasons.of(reason).zh().isBlank() && !RejectReasons.of(reason).en().isBlank());
    }
  }

  /** The contract's number and period shapes, as regular expressions (ASCII digits). */
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  private static final java.util.regex.Pattern PERIOD =
      java.util.regex.Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          1
          +1
          -0.5
          12.
          .5
          1.2.3
          +
          -
          ''
          1e5
          ١٢
          １２
          007.000
          2024-01
          2024-12
          2024-00
          2024-13
          2024-1
          0000-01
          2024/01
          2024-01-01
          +024-01
          ２０２４-０１
          """)
  void plainNumbersAndPeriodsAreTheContractsShapes(String text) {
    String cell = text == null ? "" : text;
    assertEquals(NUMBER.matcher(cell).matches(), RowValidator.isPlainNumber(cell), cell);
    String period;
    try {
      period = RowValidator.parsePeriod(cell);
    } catch (RuntimeException e) {
      period = null;
    }
    assertEquals(PERIOD.matcher(cell).matches() ? cell : null, period, cell);
  }
}
