package io.tally.projection.pg;

import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.ReplayScope;
import io.tally.projection.runtime.ShadowSink;
import io.tally.projection.runtime.SinkBatch;
import io.tally.projection.runtime.SinkErasure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Projection pg-orders: the current state of every order ({@code current_orders}) and the append-only history of
 * its events ({@code order_events}) in Postgres. Exactly once because a batch's rows and its offsets commit in one
 * statement; the version guard is the second wall against anything applied twice or out of order.
 */
public class PgOrdersSink implements ProjectionSink {
  public static final String NAME = "pg-orders";

  final Pool pool;
  final String topic;
  final PgTables tables;
  private final String applySql;

  public PgOrdersSink(Pool pool, String topic) {
    this(pool, topic, PgTables.live(NAME));
  }

  PgOrdersSink(Pool pool, String topic, PgTables tables) {
    this.pool = pool;
    this.topic = topic;
    this.tables = tables;
    this.applySql = PgApplyStatement.sql(tables);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The payload's JSON text is made on the decode threads, while the previous batch is in Postgres, instead of
   * when the batch's statement is built, which Postgres waits for.
   */
  @Override
  public ProjectedEvent held(ProjectedEvent event) {
    return event.withPayloadText(PgApplyStatement.payloadJson(event.envelope().payload()));
  }

  @Override
  public Future<Void> prepare() {
    return pool.withTransaction(conn -> run(conn, List.of(PgSchema.DDL_LOCK, PgSchema.readerRole(),
        PgSchema.offsets(), PgSchema.tables(tables))));
  }

  @Override
  public Future<Map<Integer, Long>> resumeOffsets() {
    return pool.preparedQuery("SELECT kafka_partition, next_offset FROM " + PgTables.OFFSETS
            + " WHERE projection = $1 AND topic = $2")
        .execute(Tuple.of(tables.offsetsKey(), topic))
        .map(rows -> {
          Map<Integer, Long> offsets = new TreeMap<>();
          for (Row row : rows) {
            offsets.put(row.getInteger(0), row.getLong(1));
          }
          return offsets;
        });
  }

  /**
   * One statement per partition, run concurrently on the pool's connections. Each commits its partition's rows
   * with that partition's offset, which is all exactly-once needs (offsets are per partition); an order's events
   * all live in one partition, so no two statements touch the same row.
   */
  @Override
  public Future<Void> apply(SinkBatch batch) {
    if (batch.nextOffsets().size() <= 1) {
      return write(batch.events(), batch.nextOffsets());
    }
    Map<Integer, List<ProjectedEvent>> byPartition = new TreeMap<>();
    batch.nextOffsets().keySet().forEach(p -> byPartition.put(p, new ArrayList<>()));
    batch.events().forEach(e -> byPartition.computeIfAbsent(e.partition(), p -> new ArrayList<>()).add(e));
    List<Future<Void>> writes = new ArrayList<>();
    byPartition.forEach((p, events) -> writes.add(write(events,
        batch.nextOffsets().containsKey(p) ? Map.of(p, batch.nextOffsets().get(p)) : Map.of())));
    return Future.all(writes).mapEmpty();
  }

  private Future<Void> write(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
    return pool.preparedQuery(applySql)
        .execute(PgApplyStatement.tuple(tables, topic, events, nextOffsets))
        .mapEmpty();
  }

  @Override
  public Future<Void> applyRedriven(List<ProjectedEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return write(events, Map.of());
  }

  /** Deletes in the erasure's transaction (see {@link PgTenantErasure}). */
  @Override
  public Future<SinkErasure> eraseTenant(String tenant, SqlConnection postgres) {
    return PgTenantErasure.erase(postgres, tables, tenant);
  }

  @Override
  public JsonObject describe() {
    return new JsonObject()
        .put("store", "postgres")
        .put("tables", new JsonArray().add(tables.currentOrders()).add(tables.orderEvents()).add(PgTables.OFFSETS))
        .put("offsets", "in " + PgTables.OFFSETS + ", committed in the same statement as the rows")
        .put("notify", tables.notifies() ? PgTables.CHANNEL : null)
        .put("rowLevelSecurity", "role " + PgTables.READER_ROLE + ", setting tally.tenant");
  }

  @Override
  public ShadowSink shadow(ReplayScope scope) {
    return new PgShadowSink(pool, topic, scope);
  }

  static Future<Void> run(SqlConnection conn, List<String> statements) {
    Future<Void> chain = Future.succeededFuture();
    for (String sql : statements) {
      chain = chain.compose(v -> conn.query(sql).execute().mapEmpty());
    }
    return chain;
  }
}
