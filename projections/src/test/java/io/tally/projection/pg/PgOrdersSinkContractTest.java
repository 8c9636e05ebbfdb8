package io.tally.projection.pg;

import static io.tally.projection.testkit.Await.await;

import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.SinkErasure;
import io.tally.projection.testkit.SinkContractTest;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestPostgres;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** pg-orders passes the sink test kit on a real Postgres. */
@ExtendWith(PostgresExtension.class)
class PgOrdersSinkContractTest extends SinkContractTest {
  private Pool pool;

  @BeforeEach
  void database(TestPostgres postgres) {
    pool = PgPools.open(vertx, postgres, postgres.newDatabase());
  }

  @AfterEach
  void close() {
    await(pool.close());
  }

  @Override
  protected ProjectionSink newSink(String topic) {
    return new PgOrdersSink(pool, topic);
  }

  @Override
  protected OrderView view(String tenant, String orderId) {
    RowSet<Row> rows = await(pool.preparedQuery("SELECT version, status FROM current_orders WHERE tenant = $1 AND "
        + "order_id = $2").execute(Tuple.of(tenant, orderId)));
    if (rows.size() == 0) {
      return null;
    }
    Row row = rows.iterator().next();
    return new OrderView(row.getLong(0), row.getString(1));
  }

  @Override
  protected long storedEvents(String tenant) {
    return await(pool.preparedQuery("SELECT count(*) FROM order_events WHERE tenant = $1").execute(Tuple.of(tenant)))
        .iterator().next().getLong(0);
  }

  @Override
  protected long duplicates() {
    return await(pool.query("SELECT count(*) - count(DISTINCT event_id) FROM order_events").execute())
        .iterator().next().getLong(0);
  }

  @Override
  protected Future<SinkErasure> erase(ProjectionSink sink, String tenant) {
    return pool.withTransaction(tx -> sink.eraseTenant(tenant, tx));
  }

  @Override
  protected String fingerprint() {
    return await(pool.query("""
        SELECT md5(coalesce(string_agg(t, '|' ORDER BY t), '')) FROM (
          SELECT row(c.*)::text AS t FROM current_orders c
          UNION ALL SELECT row(event_id, tenant, order_id, sequence, type, amount, payload, kafka_partition,
                               kafka_offset)::text FROM order_events
          UNION ALL SELECT row(projection, topic, kafka_partition, next_offset)::text FROM projection_offsets) x""")
        .execute()).iterator().next().getString(0);
  }

  /** A pool on one database of the test server. */
  static final class PgPools {
    private PgPools() {}

    static Pool open(io.vertx.core.Vertx vertx, TestPostgres postgres, String database) {
      return PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
          .setDatabase(database).setUser(postgres.user()).setPassword(postgres.password())).using(vertx).build();
    }
  }
}
