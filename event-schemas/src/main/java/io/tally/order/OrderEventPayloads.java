package io.tally.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventJson;
import io.tally.events.EventTypes;
import io.tally.events.InvalidFieldException;
import io.tally.events.JsonFields;
import io.tally.events.UnparseableEventException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Event records to and from their current-version JSON payloads. Amounts are written as decimal strings so no
 * reader anywhere (Spark, ClickHouse, a browser) can round them through a double.
 */
public final class OrderEventPayloads {

  private OrderEventPayloads() {}

  public static ObjectNode toPayload(OrderEvent event) {
    ObjectNode json = EventJson.object();
    if (event instanceof OrderPlaced placed) {
      json.put("customerId", placed.customerId());
      money(json, placed.amount(), placed.currency());
      ArrayNode items = json.putArray("items");
      placed.items().forEach(line -> items.addObject().put("sku", line.sku()).put("quantity", line.quantity()));
    } else if (event instanceof OrderPaid paid) {
      money(json, paid.amount(), paid.currency());
      paid.paymentRef().ifPresent(ref -> json.put("paymentRef", ref));
    } else if (event instanceof OrderShipped shipped) {
      shipped.carrier().ifPresent(carrier -> json.put("carrier", carrier));
      shipped.trackingId().ifPresent(tracking -> json.put("trackingId", tracking));
    } else if (event instanceof OrderCancelled cancelled) {
      json.put("reason", cancelled.reason());
    } else {
      OrderRefunded refunded = (OrderRefunded) event;
      money(json, refunded.amount(), refunded.currency());
      json.put("reason", refunded.reason());
      json.put("totalRefunded", refunded.totalRefunded().toPlainString());
      json.put("fullyRefunded", refunded.fullyRefunded());
    }
    return json;
  }

  /**
   * The record for a payload already at the current version of {@code type} (see UpcasterChain).
   *
   * @throws UnparseableEventException for an unknown type or a payload that does not fit the record
   */
  public static OrderEvent fromPayload(String type, ObjectNode payload) {
    JsonFields json = new JsonFields(payload);
    try {
      switch (type) {
        case EventTypes.ORDER_PLACED:
          return new OrderPlaced(json.text("customerId"), json.decimal("amount"), json.text("currency"),
              lines(json.optionalArray("items")));
        case EventTypes.ORDER_PAID:
          return new OrderPaid(json.decimal("amount"), json.text("currency"), json.optionalText("paymentRef"));
        case EventTypes.ORDER_SHIPPED:
          return new OrderShipped(json.optionalText("carrier"), json.optionalText("trackingId"));
        case EventTypes.ORDER_CANCELLED:
          return new OrderCancelled(json.text("reason"));
        case EventTypes.ORDER_REFUNDED:
          return new OrderRefunded(json.decimal("amount"), json.text("currency"), json.text("reason"),
              json.decimal("totalRefunded"), json.bool("fullyRefunded"));
        default:
          throw new UnparseableEventException("unknown event type " + type, "type");
      }
    } catch (InvalidFieldException e) {
      throw new UnparseableEventException(e.getMessage(), "payload." + e.field());
    }
  }

  private static void money(ObjectNode json, BigDecimal amount, String currency) {
    json.put("amount", amount.toPlainString());
    json.put("currency", currency);
  }

  private static List<OrderLine> lines(Optional<ArrayNode> items) {
    List<OrderLine> lines = new ArrayList<>();
    if (items.isPresent()) {
      int index = 0;
      for (JsonNode item : items.get()) {
        if (!item.isObject()) {
          throw new InvalidFieldException("items[" + index + "]", "must be an object");
        }
        JsonFields line = new JsonFields((ObjectNode) item, "items[" + index + "].");
        lines.add(new OrderLine(line.text("sku"), (int) line.wholeNumber("quantity")));
        index++;
      }
    }
    return lines;
  }
}
