package io.tally.lake.job;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Order histories that follow the lifecycle: every order is placed; some are cancelled, the others paid, some of
 * those shipped and some refunded (in part or in full). Every fourth euro order is written as OrderPlaced v1 (no
 * currency), which readers must upcast. Orders alternate between two UTC days.
 */
final class OrderLog {
  private static final EventIds IDS = EventIds.system();

  private OrderLog() {}

  static List<EventEnvelope> orders(String tenant, String prefix, int count, LocalDate day, String currency) {
    List<EventEnvelope> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String orderId = prefix + "-" + i;
      BigDecimal amount = new BigDecimal((10 + i) + ".50");
      Instant at = day.plusDays(i % 2).atTime(10, 0).toInstant(ZoneOffset.UTC).plusSeconds(60L * i);
      List<OrderEvent> events = new ArrayList<>();
      events.add(new OrderPlaced("cust-" + i, amount, currency, List.of(new OrderLine("SKU-" + i, 1 + i % 3))));
      if (i % 5 == 0) {
        events.add(new OrderCancelled("changed mind"));
      } else {
        events.add(new OrderPaid(amount, currency, Optional.of("pay-" + i)));
        if (i % 3 == 0) {
          events.add(new OrderShipped(Optional.of("DHL"), Optional.of("track-" + i)));
        }
        if (i % 7 == 0) {
          BigDecimal half = amount.divide(BigDecimal.valueOf(2));
          events.add(new OrderRefunded(half, currency, "damaged", half, false));
        } else if (i % 11 == 0) {
          events.add(new OrderRefunded(amount, currency, "returned", amount, true));
        }
      }
      for (int s = 0; s < events.size(); s++) {
        all.add(envelope(tenant, orderId, s + 1, events.get(s), at.plusSeconds(s), currency.equals("EUR") && i % 4 == 1));
      }
    }
    return all;
  }

  private static EventEnvelope envelope(String tenant, String orderId, long sequence, OrderEvent event, Instant at,
                                        boolean asV1) {
    var payload = OrderEventPayloads.toPayload(event);
    int version = event.schemaVersion();
    if (asV1 && event instanceof OrderPlaced) {
      payload.remove("currency");
      version = 1;
    }
    return new EventEnvelope(IDS.next(), tenant, orderId, sequence, event.type(), version, at,
        "cmd-" + orderId + "-" + sequence, "flow-" + orderId, payload);
  }
}
