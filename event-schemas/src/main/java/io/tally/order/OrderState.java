package io.tally.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the decider needs to know about one order, rebuilt by folding its events.
 *
 * @param version  number of events applied; equals the sequence of the last one
 * @param currency ISO 4217 code; null only while {@code status} is NONE
 * @param paid     amount paid (0 or the order amount)
 * @param refunded sum of all refunds so far
 */
public record OrderState(
    OrderStatus status, long version, BigDecimal amount, String currency, BigDecimal paid, BigDecimal refunded) {

  /** The state before the first event. */
  public static final OrderState NONE =
      new OrderState(OrderStatus.NONE, 0, BigDecimal.ZERO, null, BigDecimal.ZERO, BigDecimal.ZERO);

  public OrderState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(paid, "paid");
    Objects.requireNonNull(refunded, "refunded");
  }

  /** Paid and not yet refunded: the most any further refund may return. */
  public BigDecimal refundable() {
    return paid.subtract(refunded);
  }

  OrderState next(OrderStatus newStatus) {
    return new OrderState(newStatus, version + 1, amount, currency, paid, refunded);
  }
}
