package io.tally.lake.job;

import io.tally.events.EventEnvelope;
import io.tally.lake.read.DailyRevenue;
import io.tally.order.EventEnvelopes;
import io.tally.order.OrderEvent;
import io.tally.order.OrderLifecycle;
import io.tally.order.OrderPaid;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderRefunded;
import io.tally.order.OrderState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the lake must hold for a set of events, computed plainly in Java (no Spark, no SQL) to compare with. */
final class Expected {
  private final Map<String, EventEnvelope> byId = new LinkedHashMap<>();

  Expected(List<EventEnvelope> events) {
    events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
  }

  long events() {
    return byId.size();
  }

  /** Latest state per "tenant/orderId", by the decider's own fold. */
  Map<String, OrderState> states() {
    Map<String, List<EventEnvelope>> byOrder = new HashMap<>();
    byId.values().forEach(e -> byOrder.computeIfAbsent(e.tenant() + "/" + e.aggregateId(), k -> new ArrayList<>())
        .add(e));
    Map<String, OrderState> states = new HashMap<>();
    byOrder.forEach((key, list) -> {
      list.sort(Comparator.comparingLong(EventEnvelope::sequence));
      states.put(key, OrderLifecycle.replay(list.stream().map(EventEnvelopes::toEvent).toList()));
    });
    return states;
  }

  /** The gold rows of one tenant, by day then currency. */
  List<DailyRevenue> dailyRevenue(String tenant) {
    Map<String, String> currencyOf = new HashMap<>();
    byId.values().forEach(e -> {
      if (EventEnvelopes.toEvent(e) instanceof OrderPlaced p) {
        currencyOf.put(e.aggregateId(), p.currency());
      }
    });
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal[]> money = new HashMap<>();
    for (EventEnvelope e : byId.values()) {
      if (!e.tenant().equals(tenant)) {
        continue;
      }
      LocalDate day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
      String key = day + "|" + currencyOf.get(e.aggregateId());
      long[] c = counts.computeIfAbsent(key, k -> new long[5]);
      BigDecimal[] m = money.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      OrderEvent event = EventEnvelopes.toEvent(e);
      switch (e.type()) {
        case "OrderPlaced" -> c[0]++;
        case "OrderPaid" -> {
          c[1]++;
          m[0] = m[0].add(((OrderPaid) event).amount());
        }
        case "OrderShipped" -> c[2]++;
        case "OrderCancelled" -> c[3]++;
        default -> {
          c[4]++;
          m[1] = m[1].add(((OrderRefunded) event).amount());
        }
      }
    }
    List<DailyRevenue> rows = new ArrayList<>();
    counts.forEach((key, c) -> {
      String[] k = key.split("\\|");
      BigDecimal[] m = money.get(key);
      rows.add(new DailyRevenue(LocalDate.parse(k[0]), k[1], c[0], c[1], c[2], c[3], c[4], scale(m[0]),
          scale(m[1]), scale(m[0].subtract(m[1]))));
    });
    return rows;
  }

  private static BigDecimal scale(BigDecimal v) {
    return v.setScale(3);
  }
}
