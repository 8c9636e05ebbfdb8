package io.tally.projection.pg;

import io.tally.events.EventIds;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderStatus;
import io.tally.projection.runtime.EventFacts;
import io.tally.projection.runtime.ProjectedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces a batch to one row change per order before the upsert: Postgres refuses an INSERT … ON CONFLICT that
 * touches the same key twice (error 21000), and one row per order is also less work. Events are folded in
 * sequence order whatever order they arrived in; a repeated sequence (redelivery) counts once.
 */
final class OrderRowChanges {

  private OrderRowChanges() {}

  static List<OrderRowChange> reduce(List<ProjectedEvent> events) {
    Map<String, List<ProjectedEvent>> byOrder = new LinkedHashMap<>();
    for (ProjectedEvent e : events) {
      byOrder.computeIfAbsent(e.tenant() + "/" + e.orderId(), k -> new ArrayList<>(4)).add(e);
    }
    List<OrderRowChange> changes = new ArrayList<>(byOrder.size());
    for (List<ProjectedEvent> orderEvents : byOrder.values()) {
      changes.add(fold(orderEvents));
    }
    return changes;
  }

  private static OrderRowChange fold(List<ProjectedEvent> events) {
    if (events.size() > 1) {
      events.sort(Comparator.comparingLong(ProjectedEvent::sequence));
    }
    OrderStatus status = null;
    BigDecimal amount = null;
    String currency = null;
    Instant createdAt = null;
    long lastSequence = -1;
    ProjectedEvent last = null;
    for (ProjectedEvent e : events) {
      if (e.sequence() == lastSequence) {
        continue;
      }
      lastSequence = e.sequence();
      last = e;
      status = EventFacts.statusAfter(e.event(), status);
      if (e.event() instanceof OrderPlaced placed) {
        amount = placed.amount();
        currency = placed.currency();
      }
      Instant at = e.envelope().occurredAt();
      createdAt = createdAt == null || at.isBefore(createdAt) ? at : createdAt;
    }
    return new OrderRowChange(last.tenant(), last.orderId(), status, amount, currency, last.sequence(), createdAt,
        last.envelope().occurredAt(), EventIds.toUuid(last.envelope().eventId()));
  }
}
