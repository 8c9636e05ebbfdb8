package io.tally.lake;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What one lake table is: name, columns, partitioning and properties. Every table is format v2 (row-level
 * deletes), Parquet with ZSTD, and keeps few old metadata files.
 *
 * @param partitionBy partition fields: a column name for identity, or {@code day(column)} for Iceberg's day
 *                    transform of a timestamp (hidden partitioning: queries filter on the timestamp itself)
 */
public record TableDefinition(String name, Schema schema, List<String> partitionBy) {

  public static final Map<String, String> PROPERTIES = Map.of(
      "format-version", "2",
      "write.format.default", "parquet",
      "write.parquet.compression-codec", "zstd",
      // Each commit writes a metadata file; without this they pile up on S3 forever.
      "write.metadata.delete-after-commit.enabled", "true",
      "write.metadata.previous-versions-max", "20",
      // A dictionary pays only for columns with few distinct values (tenant, type, currency, status). Ids and
      // payloads are all distinct: under Parquet's default 2 MB limit their dictionary fills for a whole file,
      // only to be thrown away for plain encoding; at 16 KB the writer gives up after a few hundred values.
      "write.parquet.dict-size-bytes", "16384",
      // Spark writes each task's rows to one open file per partition instead of sorting them by partition
      // first: a run touches few (tenant, day) partitions, so few files are open and the sort is saved.
      "write.spark.fanout.enabled", "true");

  public TableIdentifier id() {
    return LakeTables.id(name);
  }

  public PartitionSpec spec() {
    PartitionSpec.Builder b = PartitionSpec.builderFor(schema);
    for (String p : partitionBy) {
      if (p.startsWith("day(") && p.endsWith(")")) {
        b.day(p.substring(4, p.length() - 1));
      } else {
        b.identity(p);
      }
    }
    return b.build();
  }

  public TableDefinition withSchema(Schema other) {
    return new TableDefinition(name, other, partitionBy);
  }

  public static List<TableDefinition> all() {
    return List.of(EVENTS, REJECTED, ORDER_STATE, DAILY_REVENUE, DELETED_TENANTS);
  }

  public static final TableDefinition EVENTS =
      new TableDefinition(LakeTables.EVENTS, LakeSchemas.EVENTS, List.of("tenant", "day(occurred_at)"));
  public static final TableDefinition REJECTED =
      new TableDefinition(LakeTables.REJECTED, LakeSchemas.REJECTED, List.of("tenant"));
  public static final TableDefinition ORDER_STATE =
      new TableDefinition(LakeTables.ORDER_STATE, LakeSchemas.ORDER_STATE, List.of("tenant"));
  public static final TableDefinition DAILY_REVENUE =
      new TableDefinition(LakeTables.DAILY_REVENUE, LakeSchemas.DAILY_REVENUE, List.of("tenant"));
  public static final TableDefinition DELETED_TENANTS =
      new TableDefinition(LakeTables.DELETED_TENANTS, LakeSchemas.DELETED_TENANTS, List.of());
}
