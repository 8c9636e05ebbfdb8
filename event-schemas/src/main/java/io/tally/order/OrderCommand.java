package io.tally.order;

import java.util.OptionalLong;

/** A request to change one order. Commands may be refused; events may not. */
public sealed interface OrderCommand permits PlaceOrder, PayOrder, ShipOrder, CancelOrder, RefundOrder {

  /** Client-chosen idempotency key: the same id twice yields the first outcome. */
  String commandId();

  String tenant();

  String orderId();

  /** When present, the order's version the client based this command on (optimistic concurrency). */
  OptionalLong expectedVersion();

  /** The wire name, which is the record's simple name: renaming a command record is a breaking API change. */
  default String type() {
    return getClass().getSimpleName();
  }
}
