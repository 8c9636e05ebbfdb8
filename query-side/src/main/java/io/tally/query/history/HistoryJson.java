package io.tally.query.history;

import io.tally.lake.read.DailyRevenue;
import io.tally.lake.read.RevenueHistory;
import io.tally.query.orders.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A tenant's daily revenue from the lake, as the API shows it: amounts as decimal strings, like /revenue. */
final class HistoryJson {
  private HistoryJson() {}

  static JsonObject of(RevenueHistory history) {
    JsonArray days = new JsonArray();
    history.days().forEach(d -> days.add(day(d)));
    return new JsonObject()
        .put("tenant", history.tenant())
        // A string: Iceberg snapshot ids use all 63 bits, and a JavaScript number keeps only 53 of them, so a
        // dashboard would send back a different id than it was given.
        .put("snapshotId", history.snapshotId().map(String::valueOf).orElse(null))
        .put("committedAt", history.committedAt().map(Instant::toString).orElse(null))
        .put("days", days);
  }

  private static JsonObject day(DailyRevenue d) {
    String currency = d.currency();
    return new JsonObject()
        .put("day", d.day().toString())
        .put("currency", currency)
        .put("ordersPlaced", d.ordersPlaced())
        .put("ordersPaid", d.ordersPaid())
        .put("ordersShipped", d.ordersShipped())
        .put("ordersCancelled", d.ordersCancelled())
        .put("refunds", d.refunds())
        .put("paidAmount", Money.format(d.paidAmount(), currency))
        .put("refundedAmount", Money.format(d.refundedAmount(), currency))
        .put("revenue", Money.format(d.revenue(), currency));
  }
}
