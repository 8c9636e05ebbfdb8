package io.tally.projection.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EventEnvelope;
import io.tally.order.OrderEventPayloads;
import io.tally.order.OrderStatus;
import io.tally.projection.runtime.ProjectedEvent;
import io.tally.projection.testkit.OrderFlows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRowChangesTest {

  @Test
  void oneRowPerOrderFoldedInSequenceOrderWithRepeatsCountedOnce() {
    OrderFlows flows = new OrderFlows(1);
    List<EventEnvelope> a = flows.shippedOrder("acme", "o-1", new BigDecimal("9.90"), Instant.parse("2025-01-01T00:00:00Z"));
    List<EventEnvelope> b = flows.shippedOrder("acme", "o-2", new BigDecimal("1.00"), Instant.parse("2025-01-02T00:00:00Z"));
    List<ProjectedEvent> batch = new ArrayList<>(List.of(e(a.get(2)), e(b.get(0)), e(a.get(0)), e(a.get(1)),
        e(a.get(2)), e(b.get(1))));

    List<OrderRowChange> rows = OrderRowChanges.reduce(batch);

    assertThat(rows).hasSize(2);
    OrderRowChange one = rows.stream().filter(r -> r.orderId().equals("o-1")).findFirst().orElseThrow();
    assertThat(one.version()).isEqualTo(3);
    assertThat(one.status()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(one.amount()).isEqualByComparingTo("9.90");
    assertThat(one.lastEventId().toString()).isEqualTo(a.get(2).eventId());
    OrderRowChange two = rows.stream().filter(r -> r.orderId().equals("o-2")).findFirst().orElseThrow();
    assertThat(two.version()).isEqualTo(2);
    assertThat(two.status()).isEqualTo(OrderStatus.PAID);
  }

  private static ProjectedEvent e(EventEnvelope envelope) {
    return new ProjectedEvent(envelope, OrderEventPayloads.fromPayload(envelope.type(), envelope.payload()), 0, 0);
  }
}
