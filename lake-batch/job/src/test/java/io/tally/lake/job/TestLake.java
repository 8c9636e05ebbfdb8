package io.tally.lake.job;

import io.tally.lake.LakeTables;
import io.tally.testsupport.TestKafka;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.spark.sql.Row;

/** A test's lake, its log and the assertions tests make about both. */
record TestLake(Lake lake, TestKafka kafka, String bucket, JdbcCatalog catalog) implements AutoCloseable {

  String topic() {
    return lake.settings().topic();
  }

  OrderLogWriter writer() {
    return new OrderLogWriter(kafka, topic());
  }

  LakeRun.Report compact() {
    return new LakeRun(lake).compact();
  }

  Table table(String name) {
    return lake.load(name);
  }

  List<Row> sql(String query) {
    return lake.spark().sql(query.replace("{lake}", lake.sparkCatalog() + "." + LakeTables.NAMESPACE))
        .collectAsList();
  }

  long count(String table) {
    return sql("SELECT count(*) FROM {lake}." + table).get(0).getLong(0);
  }

  /** Rows per tenant in a table, e.g. {acme=12, globex=7}. */
  Map<String, Long> countByTenant(String table) {
    return sql("SELECT tenant, count(*) FROM {lake}." + table + " GROUP BY tenant").stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }

  @Override
  public void close() throws Exception {
    catalog.close();
  }
}
