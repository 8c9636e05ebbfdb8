package io.tally.projection.audit;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * Events and money of one tenant on one side of the comparison. {@code distinctEvents} below {@code events}
 * means an event is stored twice.
 */
public record Totals(long events, long distinctEvents, BigDecimal amount) {
  public static final Totals NONE = new Totals(0, 0, BigDecimal.ZERO);

  public Totals plus(BigDecimal eventAmount) {
    return new Totals(events + 1, distinctEvents + 1, amount.add(eventAmount));
  }

  public boolean sameAs(Totals other) {
    return events == other.events && distinctEvents == other.distinctEvents
        && amount.compareTo(other.amount) == 0;
  }

  public JsonObject toJson() {
    return new JsonObject().put("events", events).put("distinctEvents", distinctEvents)
        .put("amount", amount.stripTrailingZeros().toPlainString());
  }
}
