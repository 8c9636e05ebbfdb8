package io.tally.order;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Hands a paid order to a carrier. */
public record ShipOrder(
    String commandId, String tenant, String orderId, OptionalLong expectedVersion,
    Optional<String> carrier, Optional<String> trackingId) implements OrderCommand {

  public ShipOrder {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(trackingId, "trackingId");
  }
}
