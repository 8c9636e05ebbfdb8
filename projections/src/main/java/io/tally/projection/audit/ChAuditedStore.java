package io.tally.projection.audit;

import io.tally.projection.ch.ChAnalyticsSink;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * ch-analytics for the auditor. ClickHouse has no snapshots, so the resume point is read first and every count is
 * limited to rows below it (newer rows may arrive meanwhile). The rollups cannot be limited by offset; they are
 * compared with the events table in one query, taken twice when the first reading differs (an insert may have
 * landed between the base table and its views).
 */
public final class ChAuditedStore implements AuditedStore {
  private final ChAnalyticsSink sink;
  private final ClickHouseHttp ch;

  public ChAuditedStore(ChAnalyticsSink sink, ClickHouseHttp ch) {
    this.sink = sink;
    this.ch = ch;
  }

  @Override
  public String projection() {
    return ChAnalyticsSink.NAME;
  }

  @Override
  public boolean hasCurrentState() {
    return false;
  }

  @Override
  public StoreSnapshot snapshot() throws Exception {
    Map<Integer, Long> bounds = new TreeMap<>(PgAuditedStore.await(sink.resumeOffsets()));
    Map<String, Totals> events = new TreeMap<>();
    for (JsonObject r : PgAuditedStore.await(ch.query("SELECT tenant, count() AS n, uniqExact(event_id) AS d, "
        + "toString(sum(amount)) AS amount FROM order_events WHERE " + below(bounds) + " GROUP BY tenant"))) {
      events.put(r.getString("tenant"), new Totals(r.getLong("n"), r.getLong("d"), new BigDecimal(r.getString("amount"))));
    }
    Map<String, Totals> rollups = rollupDifferences();
    if (!rollups.isEmpty()) {
      Thread.sleep(1000);
      rollups = rollupDifferences();
    }
    return new StoreSnapshot(bounds, events, null, rollups);
  }

  /**
   * Tenants whose hourly or daily rollup disagrees with the events table, with the rollup's totals; empty when
   * all agree.
   */
  private Map<String, Totals> rollupDifferences() throws Exception {
    Map<String, Totals> differ = new TreeMap<>();
    for (String rollup : List.of("orders_hourly", "orders_daily")) {
      String sql = "SELECT tenant, e_n, toString(e_amount) AS e_a, r_n, toString(r_amount) AS r_a FROM "
          + "(SELECT tenant, count() AS e_n, sum(amount) AS e_amount FROM order_events GROUP BY tenant) "
          + "ALL FULL OUTER JOIN (SELECT tenant, sum(events) AS r_n, sum(" + amountColumn(rollup) + ") AS r_amount "
          + "FROM " + rollup + " GROUP BY tenant) USING tenant "
          + "WHERE e_n != r_n OR e_amount != r_amount";
      for (JsonObject r : PgAuditedStore.await(ch.query(sql))) {
        differ.put(r.getString("tenant") + " (" + rollup + ")",
            new Totals(r.getLong("r_n"), r.getLong("r_n"), new BigDecimal(r.getString("r_a"))));
      }
    }
    return differ;
  }

  private static String amountColumn(String rollup) {
    // The daily rollup splits amount by status; their sum is the events table's amount.
    return rollup.equals("orders_daily") ? "placed_amount + paid_amount + refunded_amount" : "amount";
  }

  @Override
  public List<StoredEvent> events(String tenant, Map<Integer, Long> bounds) throws Exception {
    List<StoredEvent> stored = new ArrayList<>();
    for (JsonObject r : PgAuditedStore.await(ch.query("SELECT toString(event_id) AS id, any(order_id) AS o, "
        + "any(kafka_partition) AS p, any(kafka_offset) AS off, count() AS n FROM order_events WHERE tenant = "
        + ClickHouseSql.literal(tenant) + " AND " + below(bounds) + " GROUP BY event_id"))) {
      stored.add(new StoredEvent(r.getString("id"), r.getString("o"), r.getInteger("p"), r.getLong("off"),
          r.getLong("n")));
    }
    return stored;
  }

  @Override
  public Map<String, OrderFold> orders(String tenant) {
    return Map.of();
  }

  /** kafka_offset below the bound of its partition; partitions without a bound have nothing below it. */
  static String below(Map<Integer, Long> bounds) {
    if (bounds.isEmpty()) {
      return "0";
    }
    String from = bounds.keySet().stream().map(p -> "toUInt32(" + p + ")").collect(Collectors.joining(", ", "[", "]"));
    String to = bounds.values().stream().map(o -> "toUInt64(" + o + ")").collect(Collectors.joining(", ", "[", "]"));
    return "kafka_offset < transform(kafka_partition, " + from + ", " + to + ", toUInt64(0))";
  }
}
