package io.tally.events;

/**
 * The log's topics. Commands and events have the same partition count and the same key (tenant/orderId), so the
 * decider that owns commands partition p rebuilds its state from events partition p alone.
 */
public final class Topics {
  public static final String COMMANDS = "orders.commands";
  public static final String EVENTS = "orders.events";
  public static final String COMMAND_RESULTS = "orders.command-results";
  public static final String EVENTS_DLQ = "orders.events.dlq";

  private Topics() {}
}
