package io.tally.projection.ch;

import static io.tally.projection.testkit.Await.await;

import io.tally.projection.runtime.ProjectionSink;
import io.tally.projection.runtime.SinkErasure;
import io.tally.projection.testkit.SinkContractTest;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.service.clickhouse.ClickHouseSql;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.TestClickHouse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** ch-analytics passes the sink test kit on a real ClickHouse 18.16. */
@ExtendWith(ClickHouseExtension.class)
class ChAnalyticsSinkContractTest extends SinkContractTest {
  private ClickHouseHttp ch;

  @BeforeEach
  void database(TestClickHouse clickHouse) {
    ch = clickHouse.client(vertx, clickHouse.newDatabase());
  }

  @AfterEach
  void close() {
    ch.close();
  }

  @Override
  protected ProjectionSink newSink(String topic) {
    return new ChAnalyticsSink(vertx, ch, topic);
  }

  @Override
  protected OrderView view(String tenant, String orderId) {
    List<JsonObject> rows = await(ch.query("SELECT count() AS n, max(sequence) AS v, argMax(status, sequence) AS s "
        + "FROM order_events WHERE tenant = " + ClickHouseSql.literal(tenant) + " AND order_id = "
        + ClickHouseSql.literal(orderId)));
    return rows.get(0).getLong("n") == 0 ? null : new OrderView(rows.get(0).getLong("v"), rows.get(0).getString("s"));
  }

  @Override
  protected long storedEvents(String tenant) {
    return await(ch.query("SELECT count() AS n FROM order_events WHERE tenant = " + ClickHouseSql.literal(tenant)))
        .get(0).getLong("n");
  }

  @Override
  protected long duplicates() {
    return await(ch.query("SELECT count() - uniqExact(event_id) AS d FROM order_events")).get(0).getLong("d");
  }

  @Override
  protected Future<SinkErasure> erase(ProjectionSink sink, String tenant) {
    return sink.eraseTenant(tenant, null); // ch-analytics keeps nothing in Postgres
  }

  @Override
  protected String fingerprint() {
    JsonObject events = await(ch.query("SELECT count() AS n, sum(cityHash64(toString(event_id), tenant, order_id, "
        + "sequence, status, toString(amount), kafka_partition, kafka_offset)) AS h FROM order_events")).get(0);
    JsonObject hourly = await(ch.query("SELECT sum(events) AS n, toString(sum(amount)) AS a FROM orders_hourly")).get(0);
    JsonObject daily = await(ch.query("SELECT sum(events) AS n, toString(sum(revenue)) AS r FROM orders_daily")).get(0);
    return events.encode() + hourly.encode() + daily.encode();
  }
}
