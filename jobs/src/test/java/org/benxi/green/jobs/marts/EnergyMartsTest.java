package org.benxi.green.jobs.marts;

import static org.benxi.green.jobs.Fixtures.E1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.jobs.Fixtures;
import org.benxi.green.jobs.SparkTestBase;
import org.junit.jupiter.api.Test;

class EnergyMartsTest extends SparkTestBase {
  private static final ReferenceData REFERENCE = ReferenceData.shipped();

  @Test
  void convertsUnitsToTceAndCo2WithTheGridFactorOfTheDataYear() {
    Dataset<Row> energy =
        Fixtures.staged(
            spark(),
            REFERENCE,
            "energy",
            "credit_code,period,energy_code,quantity,unit\n"
                + E1
                + ",2023-05,raw_coal,10,10kt\n"
                + E1
                + ",2023-05,electricity,1000,mwh\n"
                + E1
                + ",2020-05,electricity,1000,mwh\n"
                + E1
                + ",2023-05,natural_gas,2,10k_m3\n");
    List<Row> rows =
        EnergyMarts.conform(energy, Fixtures.enterprises(spark(), REFERENCE), REFERENCE)
            .orderBy("period", "energy_code")
            .collectAsList();
    // 2020 electricity: 1,000,000 kWh x 0.1229 kgce = 122.9 tce; x 0.5568 kg (2021 factor,
    // the earliest published) = 556.8 t.
    assertRow(rows.get(0), "electricity", "1000000", "122.9", "556.8", "steel");
    // 2023 electricity: same tce; x 0.5366 kg (2022 factor) = 536.6 t.
    assertRow(rows.get(1), "electricity", "1000000", "122.9", "536.6", "steel");
    // 20,000 m3 x 1.2143 kgce = 24.286 tce; x 0.00216502 t = 43.3004 t.
    assertRow(rows.get(2), "natural_gas", "20000", "24.286", "43.3004", "steel");
    // 100,000 t x 714.3 kgce = 71,430 tce; x 1.9003 t = 190,030 t.
    assertRow(rows.get(3), "raw_coal", "100000", "71430", "190030", "steel");
  }

  private static void assertRow(
      Row row, String code, String base, String tce, String co2, String sector) {
    assertEquals(code, row.getAs("energy_code"));
    assertEquals(0, new BigDecimal(base).compareTo(row.getAs("quantity_base")), "base");
    assertEquals(0, new BigDecimal(tce).compareTo(row.getAs("tce")), "tce of " + code);
    assertEquals(0, new BigDecimal(co2).compareTo(row.getAs("co2_t")), "co2 of " + code);
    assertEquals(sector, row.getAs("sector"));
    assertEquals("210502", row.getAs("county_code"));
  }
}
