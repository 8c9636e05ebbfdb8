package io.tally.order;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventJson;

/**
 * A command as its body JSON, the inverse of {@link CommandParser}: for putting an accepted HTTP command on
 * {@code orders.commands}. The tenant is not in the body; it travels in the record key and header.
 */
public final class CommandJson {

  private CommandJson() {}

  public static ObjectNode toJson(OrderCommand command) {
    ObjectNode json = EventJson.object();
    json.put("type", command.type());
    json.put("commandId", command.commandId());
    json.put("orderId", command.orderId());
    command.expectedVersion().ifPresent(version -> json.put("expectedVersion", version));
    if (command instanceof PlaceOrder place) {
      json.put("customerId", place.customerId());
      json.put("amount", place.amount());
      json.put("currency", place.currency());
      if (!place.items().isEmpty()) {
        ArrayNode items = json.putArray("items");
        place.items().forEach(line -> items.addObject().put("sku", line.sku()).put("quantity", line.quantity()));
      }
    } else if (command instanceof PayOrder pay) {
      json.put("amount", pay.amount());
      pay.currency().ifPresent(currency -> json.put("currency", currency));
      pay.paymentRef().ifPresent(ref -> json.put("paymentRef", ref));
    } else if (command instanceof ShipOrder ship) {
      ship.carrier().ifPresent(carrier -> json.put("carrier", carrier));
      ship.trackingId().ifPresent(tracking -> json.put("trackingId", tracking));
    } else if (command instanceof CancelOrder cancel) {
      json.put("reason", cancel.reason());
    } else {
      RefundOrder refund = (RefundOrder) command;
      json.put("amount", refund.amount());
      refund.currency().ifPresent(currency -> json.put("currency", currency));
      json.put("reason", refund.reason());
    }
    return json;
  }
}
