package io.tally.lake.job;

import io.tally.lake.LakeSettings;
import io.tally.lake.LakeTables;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.SparkSession;

/**
 * What a lake operation works with: the Spark session with the lake's catalog registered under sparkCatalog, a
 * plain Iceberg catalog on the same tables for metadata (snapshot summaries, schema changes), and the settings.
 */
public record Lake(SparkSession spark, String sparkCatalog, Catalog catalog, LakeSettings settings) {

  /** The table's name in Spark SQL, e.g. {@code lake.orders.events}. */
  public String sql(String table) {
    return sparkCatalog + "." + LakeTables.NAMESPACE + "." + table;
  }

  /** The table's current metadata, freshly loaded. */
  public Table load(String table) {
    return catalog.loadTable(LakeTables.id(table));
  }
}
