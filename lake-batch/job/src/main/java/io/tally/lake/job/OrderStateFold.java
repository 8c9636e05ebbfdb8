package io.tally.lake.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventJson;
import io.tally.events.EventTypes;
import io.tally.order.OrderEvent;
import io.tally.order.OrderEventPayloads;
import io.tally.order.OrderLifecycle;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Row;

/**
 * The latest state of one order, folded from all its events with the decider's own {@code OrderLifecycle.evolve},
 * so the lake's status of an order can never disagree with the rules that produced its events. Input rows:
 * tenant, order_id, sequence, type, occurred_at, event_id, payload.
 */
final class OrderStateFold implements MapGroupsFunction<String, Row, Row> {

  @Override
  public Row call(String key, Iterator<Row> rows) {
    List<Row> events = new ArrayList<>();
    rows.forEachRemaining(events::add);
    events.sort(Comparator.comparingLong(r -> r.getLong(2)));
    OrderState state = OrderState.NONE;
    String customer = null;
    Instant placed = null;
    Instant paid = null;
    Instant shipped = null;
    Instant cancelled = null;
    for (Row r : events) {
      String type = r.getString(3);
      Instant at = (Instant) r.get(4);
      OrderEvent event = OrderEventPayloads.fromPayload(type, payload(r.getString(6)));
      state = OrderLifecycle.evolve(state, event);
      switch (type) {
        case EventTypes.ORDER_PLACED -> {
          placed = at;
          customer = ((OrderPlaced) event).customerId();
        }
        case EventTypes.ORDER_PAID -> paid = at;
        case EventTypes.ORDER_SHIPPED -> shipped = at;
        case EventTypes.ORDER_CANCELLED -> cancelled = at;
        default -> { }
      }
    }
    Row last = events.get(events.size() - 1);
    return JsonValues.row(last.getString(0), last.getString(1), state.status().name(), last.getLong(2), customer,
        state.currency(), money(state.amount()), money(state.paid()), money(state.refunded()),
        placed, paid, shipped, cancelled, last.get(4), last.getString(5));
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(3, RoundingMode.UNNECESSARY);
  }

  private static ObjectNode payload(String json) {
    try {
      return (ObjectNode) EventJson.read(json);
    } catch (IOException e) {
      throw new UncheckedIOException("events table holds a payload that is not JSON: " + json, e);
    }
  }
}
