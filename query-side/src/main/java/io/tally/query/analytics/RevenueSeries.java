package io.tally.query.analytics;

import io.tally.query.orders.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A revenue series with every bucket of the window present (a quiet hour is a zero, not a gap a chart would
 * draw across), revenue per currency, and counts of payments and placed orders per bucket.
 */
final class RevenueSeries {
  private RevenueSeries() {}

  static JsonObject of(String tenant, TimeWindow window, List<JsonObject> rows) {
    Map<Instant, JsonObject> points = new LinkedHashMap<>();
    for (Instant at = window.from(); at.isBefore(window.to()); at = at.plus(window.bucket().width())) {
      points.put(at, new JsonObject().put("at", at.toString()).put("revenue", new JsonObject())
          .put("payments", 0L).put("placed", 0L));
    }
    Map<String, BigDecimal> totals = new TreeMap<>();
    for (JsonObject row : rows) {
      Instant at = row.containsKey("d")
          ? LocalDate.parse(row.getString("d")).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.ofEpochSecond(row.getLong("at"));
      JsonObject point = points.get(at);
      if (point == null) {
        continue;
      }
      String currency = row.getString("currency");
      BigDecimal revenue = new BigDecimal(row.getString("revenue_sum"));
      point.getJsonObject("revenue").put(currency, Money.format(revenue, currency));
      point.put("payments", point.getLong("payments") + row.getLong("payments"));
      point.put("placed", point.getLong("placed") + row.getLong("placed_n"));
      totals.merge(currency, revenue, BigDecimal::add);
    }
    JsonArray series = new JsonArray();
    points.values().forEach(series::add);
    JsonObject total = new JsonObject();
    totals.forEach((currency, sum) -> total.put(currency, Money.format(sum, currency)));
    return new JsonObject()
        .put("tenant", tenant)
        .put("bucket", window.bucket().code())
        .put("from", window.from().toString())
        .put("to", window.to().toString())
        .put("currencies", new JsonArray(List.copyOf(totals.keySet())))
        .put("total", total)
        .put("points", series);
  }
}
