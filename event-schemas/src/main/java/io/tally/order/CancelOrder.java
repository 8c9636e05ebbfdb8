package io.tally.order;

import java.util.Objects;
import java.util.OptionalLong;

/** Cancels an order that has not shipped yet. */
public record CancelOrder(
    String commandId, String tenant, String orderId, OptionalLong expectedVersion,
    String reason) implements OrderCommand {

  public CancelOrder {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    Objects.requireNonNull(reason, "reason");
  }
}
