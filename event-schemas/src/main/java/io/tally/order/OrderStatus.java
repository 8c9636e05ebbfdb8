package io.tally.order;

/** Where an order is in its life. NONE means no event yet: the order does not exist. */
public enum OrderStatus {
  NONE, PLACED, PAID, SHIPPED, CANCELLED, REFUNDED;

  /** Cancelled and fully refunded orders accept no further change except refunds of money still held. */
  public boolean isClosed() {
    return this == CANCELLED || this == REFUNDED;
  }
}
