package io.tally.events;

import java.util.Map;

/**
 * Event type names and the current schema version of each. Bumping a version here requires a schema file for
 * it, an upcaster from the previous one and a fixture; {@code UpcasterChainTest} fails until all three exist.
 */
public final class EventTypes {

  public static final String ORDER_PLACED = "OrderPlaced";
  public static final String ORDER_PAID = "OrderPaid";
  public static final String ORDER_SHIPPED = "OrderShipped";
  public static final String ORDER_CANCELLED = "OrderCancelled";
  public static final String ORDER_REFUNDED = "OrderRefunded";

  /** Type name to current schema version. */
  public static final Map<String, Integer> CURRENT_VERSIONS = Map.of(
      ORDER_PLACED, 2,
      ORDER_PAID, 1,
      ORDER_SHIPPED, 1,
      ORDER_CANCELLED, 1,
      ORDER_REFUNDED, 1);

  private EventTypes() {}
}
