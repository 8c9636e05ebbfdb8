package io.tally.command.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * One order's life as the load generator plays it, drawn at random with shop-like odds: most orders are paid and
 * shipped, some cancelled before or after payment (and refunded), a few shipped orders partly refunded, and a
 * few clients make a mistake first (pay the wrong amount, which the decider refuses with 409).
 */
final class OrderScript {
  private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "USD", "GBP", "JPY"};
  private static final String[] CARRIERS = {"DHL", "UPS", "GLS", "DPD", "PostNL"};

  final String tenant;
  final String orderId;
  private final Deque<JsonObject> steps = new ArrayDeque<>();
  private int sent;

  private OrderScript(String tenant, String orderId) {
    this.tenant = tenant;
    this.orderId = orderId;
  }

  static OrderScript draw(String tenant, String orderId, Random rnd) {
    OrderScript s = new OrderScript(tenant, orderId);
    String currency = CURRENCIES[rnd.nextInt(CURRENCIES.length)];
    int decimals = currency.equals("JPY") ? 0 : 2;
    BigDecimal amount = BigDecimal.valueOf(500 + rnd.nextInt(50_000), 2).setScale(decimals, RoundingMode.DOWN)
        .max(BigDecimal.ONE);
    JsonArray items = new JsonArray();
    for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
      items.add(new JsonObject().put("sku", "sku-" + rnd.nextInt(5000)).put("quantity", 1 + rnd.nextInt(3)));
    }
    s.add("PlaceOrder").put("customerId", "cust-" + rnd.nextInt(100_000)).put("amount", amount.toPlainString())
        .put("currency", currency).put("items", items);
    double fate = rnd.nextDouble();
    if (fate < 0.08) {
      s.add("CancelOrder").put("reason", "customer changed their mind");
      return s;
    }
    if (rnd.nextDouble() < 0.02) {
      s.add("PayOrder").put("amount", amount.add(BigDecimal.ONE).toPlainString()); // refused: wrong amount
    }
    s.add("PayOrder").put("amount", amount.toPlainString()).put("paymentRef", "pay-" + rnd.nextInt(1_000_000));
    if (fate < 0.13) {
      s.add("CancelOrder").put("reason", "out of stock");
      s.add("RefundOrder").put("amount", amount.toPlainString()).put("reason", "cancelled after payment");
    } else if (fate < 0.95) {
      s.add("ShipOrder").put("carrier", CARRIERS[rnd.nextInt(CARRIERS.length)])
          .put("trackingId", "trk-" + Long.toHexString(rnd.nextLong()));
      if (rnd.nextDouble() < 0.1) {
        BigDecimal part = amount.divide(BigDecimal.valueOf(4), decimals, RoundingMode.DOWN).max(BigDecimal.ONE);
        s.add("RefundOrder").put("amount", part.toPlainString()).put("reason", "damaged item");
      }
    }
    return s;
  }

  private JsonObject add(String type) {
    JsonObject c = new JsonObject().put("type", type).put("orderId", orderId)
        .put("commandId", orderId + "-" + (steps.size() + 1));
    steps.add(c);
    return c;
  }

  /** The command to send now (again, if the last try failed). */
  JsonObject current() {
    return steps.peekFirst();
  }

  /** The current command got a definite answer; true while more steps remain. */
  boolean advance() {
    steps.pollFirst();
    sent++;
    return !steps.isEmpty();
  }

  int stepsDone() {
    return sent;
  }
}
