package io.tally.projection.ch;

import io.tally.order.OrderPlaced;
import io.tally.projection.runtime.EventFacts;
import io.tally.projection.runtime.ProjectedEvent;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;

/** One row of the ClickHouse events table per event, carrying its Kafka partition and offset. */
final class ChRows {

  private ChRows() {}

  static JsonObject row(ProjectedEvent e, long projectedAtSeconds) {
    String currency = EventFacts.currency(e.event());
    long ms = e.envelope().occurredAt().toEpochMilli();
    return new JsonObject()
        .put("event_id", e.envelope().eventId())
        .put("tenant", e.tenant())
        .put("order_id", e.orderId())
        .put("sequence", e.sequence())
        .put("type", e.envelope().type())
        .put("schema_version", e.envelope().schemaVersion())
        .put("status", EventFacts.eventStatus(e.event()).name())
        // Epoch seconds: parsed the same whatever the server's time zone.
        .put("occurred_at", Math.floorDiv(ms, 1000))
        .put("occurred_at_ms", ms)
        .put("amount", EventFacts.amountOrZero(e.event()))
        .put("revenue", EventFacts.revenue(e.event()))
        .put("currency", currency == null ? "" : currency)
        .put("customer_id", e.event() instanceof OrderPlaced placed ? placed.customerId() : "")
        .put("kafka_partition", e.partition())
        .put("kafka_offset", e.offset())
        .put("projected_at", projectedAtSeconds);
  }

  /** The month partition of the events table a row lands in: toYYYYMM(occurred_at) in UTC. */
  static int month(ProjectedEvent e) {
    var at = e.envelope().occurredAt().atOffset(ZoneOffset.UTC);
    return at.getYear() * 100 + at.getMonthValue();
  }
}
