package io.tally.projection.testkit;

import io.tally.events.EventEnvelope;
import io.tally.events.EventIds;
import io.tally.order.OrderCancelled;
import io.tally.order.OrderEvent;
import io.tally.order.OrderEventPayloads;
import io.tally.order.OrderLine;
import io.tally.order.OrderPaid;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderRefunded;
import io.tally.order.OrderShipped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Realistic order histories as the decider would write them: placed, then paid, shipped, cancelled or refunded,
 * with sequences 1..n, amounts at the currency's scale and UUIDv7 ids. Seeded, so a failing run can be repeated.
 */
public final class OrderFlows {
  private final EventIds ids = EventIds.system();
  private final Random random;

  public OrderFlows(long seed) {
    this.random = new Random(seed);
  }

  /** One order's whole history (1 to 4 events), all at {@code at}. */
  public List<EventEnvelope> order(String tenant, String orderId, Instant at) {
    BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
    List<OrderEvent> events = new ArrayList<>();
    events.add(new OrderPlaced("c-" + random.nextInt(1000), amount, "EUR",
        List.of(new OrderLine("sku-" + random.nextInt(50), 1 + random.nextInt(3)))));
    int path = random.nextInt(10);
    if (path < 7) {
      events.add(new OrderPaid(amount, "EUR", Optional.of("pay-" + orderId)));
      if (path < 5) {
        events.add(new OrderShipped(Optional.of("dhl"), Optional.empty()));
      } else if (path == 5) {
        BigDecimal part = amount.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
        events.add(new OrderRefunded(part, "EUR", "damaged", part, false));
        events.add(new OrderRefunded(amount.subtract(part), "EUR", "returned", amount, true));
      }
    } else if (path == 7) {
      events.add(new OrderCancelled("customer changed mind"));
    }
    return envelopes(tenant, orderId, events, at);
  }

  /** Envelopes numbered 1..n for the given events of one order. */
  public List<EventEnvelope> envelopes(String tenant, String orderId, List<OrderEvent> events, Instant at) {
    Instant occurred = at.truncatedTo(ChronoUnit.MILLIS);
    List<EventEnvelope> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      OrderEvent e = events.get(i);
      out.add(new EventEnvelope(ids.next(), tenant, orderId, i + 1, e.type(), e.schemaVersion(), occurred,
          "cmd-" + orderId + "-" + (i + 1), "cmd-" + orderId + "-1", OrderEventPayloads.toPayload(e)));
    }
    return out;
  }

  /** placed, paid, shipped for one order: the usual three-event history. */
  public List<EventEnvelope> shippedOrder(String tenant, String orderId, BigDecimal amount, Instant at) {
    return envelopes(tenant, orderId, List.of(
        new OrderPlaced("c-1", amount, "EUR", List.of()),
        new OrderPaid(amount, "EUR", Optional.empty()),
        new OrderShipped(Optional.empty(), Optional.empty())), at);
  }

  /** Many orders over several tenants, their events interleaved the way concurrent clients would produce them. */
  public List<EventEnvelope> mixed(List<String> tenants, int orders, String orderPrefix, Instant at) {
    List<List<EventEnvelope>> flows = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      flows.add(new ArrayList<>(order(tenants.get(i % tenants.size()), orderPrefix + i, at)));
    }
    List<EventEnvelope> out = new ArrayList<>();
    while (!flows.isEmpty()) {
      int pick = random.nextInt(Math.min(flows.size(), 50));
      List<EventEnvelope> flow = flows.get(pick);
      out.add(flow.remove(0));
      if (flow.isEmpty()) {
        flows.remove(pick);
      }
    }
    return out;
  }
}
