package org.benxi.green.jobs.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The staged sources of one run (one row per natural key, latest drop as of the run). */
public record MonthlyInputs(
    Dataset<Row> enterprises,
    Dataset<Row> energy,
    Dataset<Row> solidWaste,
    Dataset<Row> greenFactories,
    Dataset<Row> powerPlants,
    Dataset<Row> forest,
    Dataset<Row> economy,
    Dataset<Row> productionLines,
    Dataset<Row> programs) {}
