package io.tally.projection.ch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.order.OrderEventPayloads;
import io.tally.order.OrderPlaced;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.testkit.OrderFlows;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSONEachRow lines written by hand say exactly what an object per row said, escapes included. */
class ChRowsTest {
  private final OrderFlows flows = new OrderFlows(5);

  @Test
  void eachEventIsOneJsonLineWithEveryColumn() {
    String customer = "c \"quoted\" \\ back\nnew line é ✓";
    EventEnvelope e = flows.envelopes("acme", "o-1", List.of(new OrderPlaced(customer, new BigDecimal("1E+3"),
        "EUR", List.of())), Instant.parse("2025-01-31T23:59:59.123Z")).get(0);
    ProjectedEvent placed = new ProjectedEvent(e, OrderEventPayloads.fromPayload(e.type(), e.payload()), 4, 77);

    String[] lines = ChRows.lines(List.of(placed, placed), 1_700_000_000L).toString().split("\n");

    assertThat(lines).hasSize(2);
    JsonObject row = new JsonObject(lines[0]);
    assertThat(row.fieldNames()).containsExactlyInAnyOrder("event_id", "tenant", "order_id", "sequence", "type",
        "schema_version", "status", "occurred_at", "occurred_at_ms", "amount", "revenue", "currency",
        "customer_id", "kafka_partition", "kafka_offset", "projected_at");
    assertThat(row.getString("event_id")).isEqualTo(e.eventId());
    assertThat(row.getString("tenant")).isEqualTo("acme");
    assertThat(row.getString("order_id")).isEqualTo("o-1");
    assertThat(row.getLong("sequence")).isEqualTo(e.sequence());
    assertThat(row.getString("type")).isEqualTo("OrderPlaced");
    assertThat(row.getInteger("schema_version")).isEqualTo(e.schemaVersion());
    assertThat(row.getString("status")).isEqualTo("PLACED");
    assertThat(row.getLong("occurred_at")).isEqualTo(Instant.parse("2025-01-31T23:59:59Z").getEpochSecond());
    assertThat(row.getLong("occurred_at_ms")).isEqualTo(Instant.parse("2025-01-31T23:59:59.123Z").toEpochMilli());
    assertThat(lines[0]).contains("\"amount\":1000,");
    assertThat(row.getString("currency")).isEqualTo("EUR");
    assertThat(row.getString("customer_id")).isEqualTo(customer);
    assertThat(row.getInteger("kafka_partition")).isEqualTo(4);
    assertThat(row.getLong("kafka_offset")).isEqualTo(77);
    assertThat(row.getLong("projected_at")).isEqualTo(1_700_000_000L);
    assertThat(new JsonObject(lines[1])).isEqualTo(row);
  }
}
