package io.tally.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Money went back to the customer. {@code totalRefunded} and {@code fullyRefunded} are redundant with the history
 * on purpose: a projection can set the row's refunded total and status from this event alone, idempotently,
 * instead of adding deltas (which double-counts on redelivery).
 */
public record OrderRefunded(
    BigDecimal amount, String currency, String reason, BigDecimal totalRefunded, boolean fullyRefunded)
    implements OrderEvent {

  public OrderRefunded {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(totalRefunded, "totalRefunded");
  }
}
