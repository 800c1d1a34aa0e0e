package org.benxi.green.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.benxi.green.jobs.SparkTestBase;
import org.junit.jupiter.api.Test;

class ContentHashTest extends SparkTestBase {
  private static final StructType SCHEMA =
      new StructType()
          .add("scope", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, true);

  private Dataset<Row> table(List<Row> rows, int partitions) {
    return spark().createDataFrame(rows, SCHEMA).repartition(partitions);
  }

  @Test
  void dependsOnTheRowsOnlyNotOnOrderOrPartitioning() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(RowFactory.create("county-" + i, i % 7 == 0 ? null : i * 0.5));
    }
    String base = ContentHash.of(table(rows, 1));
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new java.util.Random(3));
    assertEquals(base, ContentHash.of(table(shuffled, 5)));

    List<Row> changed = new ArrayList<>(rows);
    changed.set(10, RowFactory.create("county-10", 5.0000001));
    assertNotEquals(base, ContentHash.of(table(changed, 1)));

    List<Row> duplicated = new ArrayList<>(rows);
    duplicated.add(rows.get(3));
    assertNotEquals(base, ContentHash.of(table(duplicated, 1)));
  }
}
