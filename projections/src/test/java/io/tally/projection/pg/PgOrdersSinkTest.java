package io.tally.projection.pg;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.order.OrderPaid;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderRefunded;
import io.tally.order.OrderShipped;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.runtime.SinkBatch;
import io.tally.projection.testkit.OrderFlows;
import io.tally.testsupport.PostgresExtension;
import io.tally.testsupport.TestPostgres;
import io.tally.order.OrderEventPayloads;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only the Postgres view promises: NOTIFY for the live push, row-level security, merging late events. */
@ExtendWith(PostgresExtension.class)
class PgOrdersSinkTest {
  private static Vertx vertx;
  private final OrderFlows flows = new OrderFlows(7);
  private TestPostgres postgres;
  private String database;
  private Pool pool;
  private PgOrdersSink sink;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @BeforeEach
  void database(TestPostgres postgres) {
    this.postgres = postgres;
    database = postgres.newDatabase();
    pool = PgOrdersSinkContractTest.PgPools.open(vertx, postgres, database);
    sink = new PgOrdersSink(pool, "orders.events");
    await(sink.prepare());
  }

  @AfterEach
  void close() {
    await(pool.close());
  }

  @Test
  void aCommitNotifiesTheTenantAndOnlyTheOrdersThatChanged() {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    PgConnection listener = await(PgConnection.connect(vertx, new PgConnectOptions().setHost(postgres.host())
        .setPort(postgres.port()).setDatabase(database).setUser(postgres.user()).setPassword(postgres.password())));
    listener.notificationHandler(n -> received.add(new JsonObject(n.getPayload()).put("channel", n.getChannel())));
    await(listener.query("LISTEN order_changes").execute());
    Instant now = Instant.now();
    List<EventEnvelope> events = new ArrayList<>(flows.shippedOrder("acme", "o-1", BigDecimal.TEN, now));
    events.addAll(flows.shippedOrder("globex", "o-2", BigDecimal.ONE, now));
    List<EventEnvelope> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.addAll(flows.envelopes("initech", "bulk-" + i, List.of(new OrderPlaced("c", BigDecimal.ONE, "EUR",
          List.of())), now));
    }
    events.addAll(many);
    SinkBatch batch = batch(events);

    await(sink.apply(batch));
    io.tally.projection.testkit.Await.until(java.time.Duration.ofSeconds(10), () -> received.size() == 5,
        received::toString);
    assertThat(received).filteredOn(n -> n.getString("tenant").equals("acme")).singleElement()
        .satisfies(n -> assertThat(n.getJsonArray("orderIds").getList()).containsExactly("o-1"));
    assertThat(received).filteredOn(n -> n.getString("tenant").equals("globex")).singleElement()
        .satisfies(n -> assertThat(n.getJsonArray("orderIds").getList()).containsExactly("o-2"));
    List<JsonObject> bulk = received.stream().filter(n -> n.getString("tenant").equals("initech")).toList();
    assertThat(bulk).hasSize(3).allSatisfy(n -> assertThat(n.getJsonArray("orderIds").size()).isLessThanOrEqualTo(100));
    assertThat(bulk.stream().mapToInt(n -> n.getJsonArray("orderIds").size()).sum()).isEqualTo(250);

    received.clear();
    await(sink.apply(batch));
    io.tally.projection.testkit.Await.sleep(500);
    assertThat(received).as("a redelivered batch changes no row, so nobody is told").isEmpty();
    await(listener.close());
  }

  @Test
  void rowLevelSecurityShowsTheReaderRoleOnlyItsTenantsRows() throws Exception {
    Instant now = Instant.now();
    List<EventEnvelope> events = new ArrayList<>(flows.shippedOrder("acme", "o-1", BigDecimal.TEN, now));
    events.addAll(flows.shippedOrder("acme", "o-2", BigDecimal.TEN, now));
    events.addAll(flows.shippedOrder("globex", "o-3", BigDecimal.ONE, now));
    await(sink.apply(batch(events)));

    try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
      s.execute("SET ROLE tally_reader");
      assertThat(count(s, "SELECT count(*) FROM current_orders")).as("no tenant set: nothing").isZero();
      s.execute("SET tally.tenant = 'acme'");
      assertThat(count(s, "SELECT count(*) FROM current_orders")).isEqualTo(2);
      assertThat(count(s, "SELECT count(*) FROM current_orders WHERE tenant = 'globex'")).isZero();
      assertThat(count(s, "SELECT count(*) FROM order_events")).isEqualTo(6);
      s.execute("SET tally.tenant = 'globex'");
      assertThat(count(s, "SELECT count(*) FROM current_orders")).isEqualTo(1);
      s.execute("RESET ROLE");
      assertThat(count(s, "SELECT count(*) FROM current_orders")).as("the owner sees all").isEqualTo(3);
    }
  }

  @Test
  void aLateOrderPlacedFillsTheAmountWithoutRollingTheStatusBack() {
    Instant placedAt = Instant.parse("2025-03-01T10:00:00Z");
    List<EventEnvelope> history = flows.envelopes("acme", "o-9", List.of(
        new OrderPlaced("c-1", new BigDecimal("12.50"), "EUR", List.of()),
        new OrderPaid(new BigDecimal("12.50"), "EUR", Optional.empty()),
        new OrderRefunded(new BigDecimal("2.50"), "EUR", "dent", new BigDecimal("2.50"), false),
        new OrderShipped(Optional.empty(), Optional.empty())), placedAt);
    await(sink.apply(new SinkBatch(List.of(event(history.get(2), 0)), Map.of(0, 1L))));
    assertThat(row("o-9").getString("status")).as("a partial refund alone cannot tell the status")
        .isEqualTo(PgApplyStatement.UNKNOWN_STATUS);
    await(sink.apply(new SinkBatch(List.of(event(history.get(1), 1)), Map.of(0, 2L))));
    await(sink.apply(new SinkBatch(List.of(event(history.get(0), 2)), Map.of(0, 3L))));

    Row row = row("o-9");
    assertThat(row.getLong("version")).isEqualTo(3);
    assertThat(row.getString("status")).as("v3 (partial refund) keeps what v2 set").isEqualTo("UNKNOWN");
    assertThat(row.getBigDecimal("amount")).isEqualByComparingTo("12.50");
    assertThat(row.getString("currency")).isEqualTo("EUR");
    assertThat(row.getOffsetDateTime("created_at")).isEqualTo(OffsetDateTime.ofInstant(placedAt, ZoneOffset.UTC));
    await(sink.apply(new SinkBatch(List.of(event(history.get(3), 3)), Map.of(0, 4L))));
    assertThat(row("o-9").getString("status")).isEqualTo("SHIPPED");
    assertThat(row("o-9").getLong("version")).isEqualTo(4);
  }

  @Test
  void eventsHeldWithTheirPayloadAsTextAreStoredAsTheFullEvents() {
    List<EventEnvelope> history = flows.mixed(List.of("acme"), 40, "h-", Instant.parse("2025-05-01T08:00:00Z"));
    SinkBatch full = batch(history);
    List<ProjectedEvent> held = full.events().stream().map(sink::held).toList();
    assertThat(held).allSatisfy(e -> {
      assertThat(e.envelope().payload().isEmpty()).isTrue();
      assertThat(e.event()).isNotNull();
    });
    String other = postgres.newDatabase();
    Pool otherPool = PgOrdersSinkContractTest.PgPools.open(vertx, postgres, other);
    try {
      PgOrdersSink heldSink = new PgOrdersSink(otherPool, "orders.events");
      await(heldSink.prepare());
      await(sink.apply(full));
      await(heldSink.apply(new SinkBatch(held, full.nextOffsets())));
      String rows = "SELECT string_agg(concat_ws('|', o.tenant, o.order_id, o.status, o.amount, o.version, "
          + "o.last_event_id), ',' ORDER BY o.order_id) FROM current_orders o";
      String events = "SELECT string_agg(concat_ws('|', event_id, sequence, type, amount, payload::text), ',' "
          + "ORDER BY event_id) FROM order_events";
      for (String sql : List.of(rows, events)) {
        String expected = await(pool.query(sql).execute()).iterator().next().getString(0);
        assertThat(await(otherPool.query(sql).execute()).iterator().next().getString(0)).isEqualTo(expected);
      }
      String payload = await(pool.query("SELECT payload::text FROM order_events ORDER BY event_id LIMIT 1")
          .execute()).iterator().next().getString(0);
      assertThat(payload).startsWith("{").isNotEqualTo("{}");
    } finally {
      await(otherPool.close());
    }
  }

  private Row row(String orderId) {
    return await(pool.preparedQuery("SELECT * FROM current_orders WHERE tenant = 'acme' AND order_id = $1")
        .execute(Tuple.of(orderId))).iterator().next();
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static SinkBatch batch(List<EventEnvelope> events) {
    List<ProjectedEvent> projected = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      projected.add(event(events.get(i), i));
    }
    return new SinkBatch(projected, Map.of(0, (long) events.size()));
  }

  private static ProjectedEvent event(EventEnvelope e, long offset) {
    return new ProjectedEvent(e, OrderEventPayloads.fromPayload(e.type(), e.payload()), 0, offset);
  }
}
