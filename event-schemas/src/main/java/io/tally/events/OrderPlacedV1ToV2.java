package io.tally.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** OrderPlaced v1 had no currency; v2 names it. */
final class OrderPlacedV1ToV2 implements Upcaster {

  /**
   * v1 was written before multi-currency support, when every tenant was billed in euros, so EUR is the only
   * truthful reading of a v1 amount. This default is documented in the README; it must never change, or replays
   * would rewrite history.
   */
  static final String HISTORICAL_CURRENCY = "EUR";

  @Override
  public String type() {
    return EventTypes.ORDER_PLACED;
  }

  @Override
  public int fromVersion() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode payload) {
    if (!payload.hasNonNull("currency")) {
      payload.put("currency", HISTORICAL_CURRENCY);
    }
    return payload;
  }
}
