package io.tally.lake.job;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** MERGE statements of the lake, each committing with the summary (the Kafka position) it is given. */
final class Merges {
  private Merges() {}

  /** Inserts the source rows no target row matches (t = target, s = source); matched rows are left alone. */
  static void insertMissing(Lake lake, String table, Dataset<Row> source, String on,
                            Map<String, String> summary) {
    String view = "tally_source_" + table;
    source.createOrReplaceTempView(view);
    String columns = String.join(", ", source.columns());
    String values = Arrays.stream(source.columns()).map(c -> "s." + c).collect(Collectors.joining(", "));
    String sql = "MERGE INTO " + lake.sql(table) + " t USING " + view + " s ON " + on
        + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (" + values + ")";
    Commits.withProperties(summary, () -> lake.spark().sql(sql));
    lake.spark().catalog().dropTempView(view);
  }

  /**
   * Upserts source into table on the key columns. A source row with {@code _gone = true} deletes its target row:
   * a derived table recomputed for some keys drops the rows those keys no longer produce, in the same commit.
   */
  static void upsert(Lake lake, String table, Dataset<Row> source, String[] keys, Map<String, String> summary) {
    String view = "tally_source_" + table;
    source.createOrReplaceTempView(view);
    String[] columns = Arrays.stream(source.columns()).filter(c -> !c.equals("_gone")).toArray(String[]::new);
    boolean deletes = Arrays.asList(source.columns()).contains("_gone");
    String on = Arrays.stream(keys).map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String set = Arrays.stream(columns).map(c -> c + " = s." + c).collect(Collectors.joining(", "));
    String values = Arrays.stream(columns).map(c -> "s." + c).collect(Collectors.joining(", "));
    String sql = "MERGE INTO " + lake.sql(table) + " t USING " + view + " s ON " + on
        + (deletes ? " WHEN MATCHED AND s._gone THEN DELETE" : "")
        + " WHEN MATCHED THEN UPDATE SET " + set
        + " WHEN NOT MATCHED" + (deletes ? " AND NOT s._gone" : "") + " THEN INSERT (" + String.join(", ", columns)
        + ") VALUES (" + values + ")";
    Commits.withProperties(summary, () -> lake.spark().sql(sql));
    lake.spark().catalog().dropTempView(view);
  }
}
