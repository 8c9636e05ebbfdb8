package io.tally.order;

import io.tally.events.EventTypes;

/**
 * A fact about one order, in the current schema version. Each event carries what the row view needs so that a
 * projection can upsert from the event alone plus the row it already has.
 */
public sealed interface OrderEvent permits OrderPlaced, OrderPaid, OrderShipped, OrderCancelled, OrderRefunded {

  /** The wire name, which is the record's simple name (pinned by tests against {@link EventTypes}). */
  default String type() {
    return getClass().getSimpleName();
  }

  default int schemaVersion() {
    return EventTypes.CURRENT_VERSIONS.get(type());
  }
}
