package io.tally.order;

import java.util.Objects;

/** The order will not be fulfilled. Money already paid stays paid until refunded. */
public record OrderCancelled(String reason) implements OrderEvent {

  public OrderCancelled {
    Objects.requireNonNull(reason, "reason");
  }
}
