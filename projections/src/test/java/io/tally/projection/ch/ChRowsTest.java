package io.tally.projection.ch;

import static io.tally.projection.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.order.OrderEvent;
import io.tally.order.OrderEventPayloads;
import io.tally.order.OrderPaid;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderRefunded;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.testkit.OrderFlows;
import io.tally.service.clickhouse.ClickHouseHttp;
import io.tally.testsupport.ClickHouseExtension;
import io.tally.testsupport.TestClickHouse;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The RowBinary rows, written by hand, read back from a real ClickHouse as exactly the event's values. */
@ExtendWith(ClickHouseExtension.class)
class ChRowsTest {
  private final OrderFlows flows = new OrderFlows(5);
  private Vertx vertx;
  private ClickHouseHttp ch;

  @BeforeEach
  void table(TestClickHouse clickHouse) {
    vertx = Vertx.vertx();
    ch = clickHouse.client(vertx, clickHouse.newDatabase());
    await(new ChAnalyticsSink(vertx, ch, "t").prepare());
  }

  @AfterEach
  void close() {
    ch.close();
    await(vertx.close());
  }

  private ProjectedEvent projected(EventEnvelope e, int partition, long offset) {
    return new ProjectedEvent(e, OrderEventPayloads.fromPayload(e.type(), e.payload()), partition, offset);
  }

  @Test
  void everyColumnReadsBackAsTheEventSaysIncludingTextThatNeedsEscapingAsJson() {
    String customer = "c \"quoted\" \\ back\nnew line é ✓ 😀 " + "x".repeat(200);
    List<OrderEvent> history = List.of(new OrderPlaced(customer, new BigDecimal("1E+3"), "EUR", List.of()),
        new OrderPaid(new BigDecimal("1000"), "EUR", Optional.empty()),
        new OrderRefunded(new BigDecimal("0.125"), "EUR", "late", new BigDecimal("0.125"), false));
    List<EventEnvelope> envelopes = flows.envelopes("acme", "o-ü", history,
        Instant.parse("2025-01-31T23:59:59.123Z"));
    List<ProjectedEvent> events = List.of(projected(envelopes.get(0), 4, 77),
        projected(envelopes.get(1), 4, 5_000_000_000L), projected(envelopes.get(2), 0, 0));

    await(ChRows.insert(ch, "order_events", events, 1_700_000_000L));

    List<JsonObject> rows = await(ch.query("SELECT toString(event_id) AS event_id, tenant, order_id, sequence, "
        + "type, schema_version, status, toUnixTimestamp(occurred_at) AS occurred_at, occurred_at_ms, "
        + "toString(amount) AS amount, toString(revenue) AS revenue, currency, customer_id, kafka_partition, "
        + "kafka_offset, toUnixTimestamp(projected_at) AS projected_at FROM order_events ORDER BY sequence"));
    assertThat(rows).hasSize(3);
    for (int i = 0; i < 3; i++) {
      EventEnvelope e = envelopes.get(i);
      JsonObject row = rows.get(i);
      assertThat(row.getString("event_id")).isEqualTo(e.eventId());
      assertThat(row.getString("tenant")).isEqualTo("acme");
      assertThat(row.getString("order_id")).isEqualTo("o-ü");
      assertThat(row.getLong("sequence")).isEqualTo(e.sequence());
      assertThat(row.getString("type")).isEqualTo(e.type());
      assertThat(row.getInteger("schema_version")).isEqualTo(e.schemaVersion());
      assertThat(row.getLong("occurred_at")).isEqualTo(e.occurredAt().getEpochSecond());
      assertThat(row.getLong("occurred_at_ms")).isEqualTo(e.occurredAt().toEpochMilli());
      assertThat(row.getString("currency")).isEqualTo("EUR");
      assertThat(row.getInteger("kafka_partition")).isEqualTo(events.get(i).partition());
      assertThat(row.getLong("kafka_offset")).isEqualTo(events.get(i).offset());
      assertThat(row.getLong("projected_at")).isEqualTo(1_700_000_000L);
    }
    assertThat(rows).extracting(r -> r.getString("status")).containsExactly("PLACED", "PAID", "REFUNDED");
    assertThat(rows).extracting(r -> r.getString("amount")).containsExactly("1000.0000", "1000.0000", "0.1250");
    assertThat(rows).extracting(r -> r.getString("revenue")).containsExactly("0.0000", "1000.0000", "-0.1250");
    assertThat(rows).extracting(r -> r.getString("customer_id")).containsExactly(customer, "", "");
    // The rollups behind the materialized views see the same rows.
    assertThat(await(ch.query("SELECT toString(sum(revenue)) AS r FROM orders_daily")).get(0).getString("r"))
        .isEqualTo("999.8750");
  }

  @Test
  void anEventHeldAsItsRowWritesTheSameBytesAndKeepsNoPayload() {
    ChAnalyticsSink sink = new ChAnalyticsSink(vertx, ch, "t");
    List<ProjectedEvent> full = new ArrayList<>();
    flows.mixed(List.of("acme", "globex"), 300, "h-", Instant.parse("2025-03-01T10:00:00Z"))
        .forEach(e -> full.add(projected(e, full.size() % 3, full.size())));
    List<ProjectedEvent> held = full.stream().map(sink::held).toList();

    assertThat(ChRows.rows(held, 1_700_000_000L).getBytes())
        .isEqualTo(ChRows.rows(full, 1_700_000_000L).getBytes());
    assertThat(held).allSatisfy(e -> {
      assertThat(e.row()).isNotNull();
      assertThat(e.event()).isNull();
      assertThat(e.envelope().payload().isEmpty()).isTrue();
    });
    assertThat(held).extracting(ChRows::month).isEqualTo(full.stream().map(ChRows::month).toList());

    // Written and read back like any batch.
    await(ChRows.insert(ch, "order_events", held, 1_700_000_000L));
    JsonObject stored = await(ch.query("SELECT count() AS n, sum(kafka_offset) AS s FROM order_events")).get(0);
    assertThat(stored.getLong("n")).isEqualTo(full.size());
    assertThat(stored.getLong("s")).isEqualTo(full.stream().mapToLong(ProjectedEvent::offset).sum());
  }

  @Test
  void monthIsTheUtcCalendarMonth() {
    EventEnvelope e = flows.envelopes("acme", "o-1", List.of(new OrderPaid(BigDecimal.ONE, "EUR", Optional.empty())),
        Instant.parse("2024-12-31T23:59:59.999Z")).get(0);
    assertThat(ChRows.month(projected(e, 0, 0))).isEqualTo(202412);
    EventEnvelope next = flows.envelopes("acme", "o-1", List.of(new OrderPaid(BigDecimal.ONE, "EUR",
        Optional.empty())), Instant.parse("2025-01-01T00:00:00Z")).get(0);
    assertThat(ChRows.month(projected(next, 0, 0))).isEqualTo(202501);
    EventEnvelope firstOfDecember = flows.envelopes("acme", "o-2", List.of(new OrderPaid(BigDecimal.ONE, "EUR",
        Optional.empty())), Instant.parse("2024-12-01T00:00:00Z")).get(0);
    assertThat(ChRows.oneMonth(List.of(projected(firstOfDecember, 0, 0), projected(e, 0, 1)))).isTrue();
    assertThat(ChRows.oneMonth(List.of(projected(e, 0, 0), projected(next, 0, 1)))).isFalse();
    assertThat(ChRows.oneMonth(List.of(projected(next, 0, 0), projected(e, 0, 1)))).isFalse();
  }
}
