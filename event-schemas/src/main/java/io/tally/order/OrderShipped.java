package io.tally.order;

import java.util.Objects;
import java.util.Optional;

/** The order left the warehouse. */
public record OrderShipped(Optional<String> carrier, Optional<String> trackingId) implements OrderEvent {

  public OrderShipped {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(trackingId, "trackingId");
  }
}
