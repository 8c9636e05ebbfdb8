package io.tally.projection.audit;

import io.tally.projection.pg.PgOrdersSink;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * pg-orders for the auditor. The offsets, the history and the current rows are read in one REPEATABLE READ
 * transaction: one snapshot, so the comparison is exact while the projection keeps writing.
 */
public final class PgAuditedStore implements AuditedStore {
  private final Pool pool;
  private final String topic;

  public PgAuditedStore(Pool pool, String topic) {
    this.pool = pool;
    this.topic = topic;
  }

  @Override
  public String projection() {
    return PgOrdersSink.NAME;
  }

  @Override
  public boolean hasCurrentState() {
    return true;
  }

  @Override
  public StoreSnapshot snapshot() throws Exception {
    Map<Integer, Long> bounds = new TreeMap<>();
    Map<String, Totals> events = new TreeMap<>();
    Map<String, Map<String, Long>> statuses = new TreeMap<>();
    Map<String, long[]> orders = new TreeMap<>();
    await(pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
        .compose(r -> conn.preparedQuery("SELECT kafka_partition, next_offset FROM projection_offsets "
            + "WHERE projection = $1 AND topic = $2").execute(Tuple.of(PgOrdersSink.NAME, topic)))
        .compose(rows -> {
          rows.forEach(row -> bounds.put(row.getInteger(0), row.getLong(1)));
          return conn.query("SELECT tenant, count(*), coalesce(sum(amount), 0)::text FROM order_events "
              + "GROUP BY tenant").execute();
        })
        .compose(rows -> {
          for (Row row : rows) {
            long n = row.getLong(1);
            events.put(row.getString(0), new Totals(n, n, new BigDecimal(row.getString(2))));
          }
          return conn.query("SELECT tenant, status, count(*), sum(version) FROM current_orders "
              + "GROUP BY tenant, status").execute();
        })
        .map(rows -> {
          for (Row row : rows) {
            statuses.computeIfAbsent(row.getString(0), t -> new TreeMap<>()).put(row.getString(1), row.getLong(2));
            long[] sums = orders.computeIfAbsent(row.getString(0), t -> new long[2]);
            sums[0] += row.getLong(2);
            sums[1] += row.getLong(3);
          }
          return null;
        })));
    Map<String, OrdersSummary> summaries = new TreeMap<>();
    orders.forEach((tenant, sums) -> summaries.put(tenant, new OrdersSummary(sums[0], sums[1], statuses.get(tenant))));
    return new StoreSnapshot(bounds, events, summaries, null);
  }

  @Override
  public List<StoredEvent> events(String tenant, Map<Integer, Long> bounds) throws Exception {
    List<StoredEvent> stored = new ArrayList<>();
    await(pool.preparedQuery("SELECT event_id::text, order_id, kafka_partition, kafka_offset FROM order_events "
            + "WHERE tenant = $1").execute(Tuple.of(tenant))
        .map(rows -> {
          rows.forEach(r -> stored.add(new StoredEvent(r.getString(0), r.getString(1), r.getInteger(2),
              r.getLong(3), 1)));
          return null;
        }));
    return stored;
  }

  @Override
  public Map<String, OrderFold> orders(String tenant) throws Exception {
    Map<String, OrderFold> rows = new HashMap<>();
    await(pool.preparedQuery("SELECT order_id, version, status FROM current_orders WHERE tenant = $1")
        .execute(Tuple.of(tenant))
        .map(result -> {
          result.forEach(r -> rows.put(r.getString(0), new OrderFold(r.getLong(1), r.getString(2))));
          return null;
        }));
    return rows;
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }
}
