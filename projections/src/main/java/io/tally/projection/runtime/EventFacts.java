package io.tally.projection.runtime;

import io.tally.order.OrderCancelled;
import io.tally.order.OrderEvent;
import io.tally.order.OrderPaid;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderRefunded;
import io.tally.order.OrderShipped;
import io.tally.order.OrderStatus;
import java.math.BigDecimal;

/**
 * What each event means for the views, in one place so both stores and the auditor count money the same way:
 * the amount an event carries (placed, paid or refunded), its currency, its signed revenue (paid in, refunds
 * out) and the status it moves the order to.
 */
public final class EventFacts {

  private EventFacts() {}

  /** The money the event is about, or null for events without an amount (shipped, cancelled). */
  public static BigDecimal amount(OrderEvent event) {
    if (event instanceof OrderPlaced placed) {
      return placed.amount();
    }
    if (event instanceof OrderPaid paid) {
      return paid.amount();
    }
    if (event instanceof OrderRefunded refunded) {
      return refunded.amount();
    }
    return null;
  }

  public static BigDecimal amountOrZero(OrderEvent event) {
    BigDecimal amount = amount(event);
    return amount == null ? BigDecimal.ZERO : amount;
  }

  public static String currency(OrderEvent event) {
    if (event instanceof OrderPlaced placed) {
      return placed.currency();
    }
    if (event instanceof OrderPaid paid) {
      return paid.currency();
    }
    if (event instanceof OrderRefunded refunded) {
      return refunded.currency();
    }
    return null;
  }

  /** Money in (payment) positive, money out (refund) negative, zero otherwise. */
  public static BigDecimal revenue(OrderEvent event) {
    if (event instanceof OrderPaid paid) {
      return paid.amount();
    }
    if (event instanceof OrderRefunded refunded) {
      return refunded.amount().negate();
    }
    return BigDecimal.ZERO;
  }

  /**
   * The status the order has after the event, given the status before it (null when unknown). A partial refund
   * keeps the status, as in OrderLifecycle.evolve.
   */
  public static OrderStatus statusAfter(OrderEvent event, OrderStatus before) {
    if (event instanceof OrderPlaced) {
      return OrderStatus.PLACED;
    }
    if (event instanceof OrderPaid) {
      return OrderStatus.PAID;
    }
    if (event instanceof OrderShipped) {
      return OrderStatus.SHIPPED;
    }
    if (event instanceof OrderCancelled) {
      return OrderStatus.CANCELLED;
    }
    return ((OrderRefunded) event).fullyRefunded() ? OrderStatus.REFUNDED : before;
  }

  /** The status an event stands for in analytics (every refund counts as REFUNDED there). */
  public static OrderStatus eventStatus(OrderEvent event) {
    return event instanceof OrderRefunded ? OrderStatus.REFUNDED : statusAfter(event, null);
  }
}
