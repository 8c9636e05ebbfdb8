package io.tally.command.it;

import io.vertx.core.json.JsonObject;

/** Command bodies as a client writes them. */
public final class Commands {
  private Commands() {}

  public static JsonObject place(String commandId, String orderId, String amount) {
    return new JsonObject().put("type", "PlaceOrder").put("commandId", commandId).put("orderId", orderId)
        .put("customerId", "cust-1").put("amount", amount).put("currency", "EUR");
  }

  public static JsonObject pay(String commandId, String orderId, String amount) {
    return new JsonObject().put("type", "PayOrder").put("commandId", commandId).put("orderId", orderId)
        .put("amount", amount);
  }

  public static JsonObject ship(String commandId, String orderId) {
    return new JsonObject().put("type", "ShipOrder").put("commandId", commandId).put("orderId", orderId)
        .put("carrier", "DHL");
  }

  public static JsonObject refund(String commandId, String orderId, String amount) {
    return new JsonObject().put("type", "RefundOrder").put("commandId", commandId).put("orderId", orderId)
        .put("amount", amount).put("reason", "damaged");
  }

  public static JsonObject cancel(String commandId, String orderId) {
    return new JsonObject().put("type", "CancelOrder").put("commandId", commandId).put("orderId", orderId)
        .put("reason", "changed mind");
  }
}
