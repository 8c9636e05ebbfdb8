package io.tally.query.analytics;

import io.tally.query.orders.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Totals from either rollup: how many orders were placed, paid, shipped, cancelled and refunded (events that moved
 * an order into that status; each partial refund counts as a refund) and, per currency, the value placed, paid
 * and refunded and the net revenue (payments minus refunds).
 */
final class StatsJson {
  private static final List<String> STATUSES = List.of("placed", "paid", "shipped", "cancelled", "refunded");

  private final JsonObject counts = new JsonObject();
  private final Map<String, BigDecimal[]> money = new TreeMap<>();
  private long events;

  private StatsJson() {
    STATUSES.forEach(s -> counts.put(s, 0L));
  }

  /** Rows of orders_hourly grouped by status and currency: n, amount_sum, revenue_sum. */
  static JsonObject fromHourly(String tenant, Optional<Instant> from, Optional<Instant> to, List<JsonObject> rows) {
    StatsJson s = new StatsJson();
    for (JsonObject row : rows) {
      String status = row.getString("status").toLowerCase();
      long n = row.getLong("n");
      s.count(status, n);
      s.events += n;
      BigDecimal amount = new BigDecimal(row.getString("amount_sum"));
      s.money(row.getString("currency"), status.equals("placed") ? amount : null, status.equals("paid") ? amount : null,
          status.equals("refunded") ? amount : null, new BigDecimal(row.getString("revenue_sum")));
    }
    return s.toJson(tenant, from, to);
  }

  /** Rows of orders_daily grouped by currency: n, the five counts, and the four sums. */
  static JsonObject fromDaily(String tenant, Optional<Instant> from, Optional<Instant> to, List<JsonObject> rows) {
    StatsJson s = new StatsJson();
    for (JsonObject row : rows) {
      s.events += row.getLong("n");
      STATUSES.forEach(status -> s.count(status, row.getLong(status + "_n")));
      s.money(row.getString("currency"), new BigDecimal(row.getString("placed_sum")),
          new BigDecimal(row.getString("paid_sum")), new BigDecimal(row.getString("refunded_sum")),
          new BigDecimal(row.getString("revenue_sum")));
    }
    return s.toJson(tenant, from, to);
  }

  private void count(String status, long n) {
    if (counts.containsKey(status)) {
      counts.put(status, counts.getLong(status) + n);
    }
  }

  // Events without money (shipped, cancelled) carry currency "": they count, but belong to no currency.
  private void money(String currency, BigDecimal placed, BigDecimal paid, BigDecimal refunded, BigDecimal revenue) {
    if (currency == null || currency.isEmpty()) {
      return;
    }
    BigDecimal[] m = money.computeIfAbsent(currency, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
        BigDecimal.ZERO, BigDecimal.ZERO});
    BigDecimal[] add = {placed, paid, refunded, revenue};
    for (int i = 0; i < 4; i++) {
      if (add[i] != null) {
        m[i] = m[i].add(add[i]);
      }
    }
  }

  private JsonObject toJson(String tenant, Optional<Instant> from, Optional<Instant> to) {
    JsonArray revenue = new JsonArray();
    money.entrySet().stream()
        .sorted((a, b) -> b.getValue()[3].compareTo(a.getValue()[3]))
        .forEach(e -> revenue.add(new JsonObject()
            .put("currency", e.getKey())
            .put("placed", Money.format(e.getValue()[0], e.getKey()))
            .put("paid", Money.format(e.getValue()[1], e.getKey()))
            .put("refunded", Money.format(e.getValue()[2], e.getKey()))
            .put("revenue", Money.format(e.getValue()[3], e.getKey()))));
    return new JsonObject()
        .put("tenant", tenant)
        .put("from", from.map(Instant::toString).orElse(null))
        .put("to", to.map(Instant::toString).orElse(null))
        .put("counts", counts)
        .put("events", events)
        .put("revenue", revenue);
  }
}
