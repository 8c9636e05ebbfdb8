package io.tally.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Commands and states for tests. States are built by replaying events, so every test also exercises evolve. */
final class Orders {

  static final String TENANT = "acme";
  static final String ORDER = "o-1";
  static final BigDecimal PRICE = new BigDecimal("100.00");
  static final OptionalLong ANY = OptionalLong.empty();

  private Orders() {}

  static PlaceOrder place() {
    return place("100.00", "EUR");
  }

  static PlaceOrder place(String amount, String currency) {
    return new PlaceOrder("c-place", TENANT, ORDER, ANY, "cust-1", new BigDecimal(amount), currency,
        List.of(new OrderLine("SKU-1", 2)));
  }

  static PayOrder pay() {
    return pay("100.00");
  }

  static PayOrder pay(String amount) {
    return new PayOrder("c-pay", TENANT, ORDER, ANY, new BigDecimal(amount), Optional.empty(), Optional.of("psp-1"));
  }

  static ShipOrder ship() {
    return new ShipOrder("c-ship", TENANT, ORDER, ANY, Optional.of("DHL"), Optional.empty());
  }

  static CancelOrder cancel() {
    return new CancelOrder("c-cancel", TENANT, ORDER, ANY, "changed mind");
  }

  static RefundOrder refund(String amount) {
    return new RefundOrder("c-refund", TENANT, ORDER, ANY, new BigDecimal(amount), Optional.empty(), "damaged");
  }

  static OrderState after(OrderCommand... commands) {
    OrderState state = OrderState.NONE;
    for (OrderCommand command : commands) {
      Decision decision = OrderLifecycle.decide(state, command);
      if (!(decision instanceof Decision.Accepted accepted)) {
        throw new AssertionError("setup command refused: " + decision);
      }
      for (OrderEvent event : accepted.events()) {
        state = OrderLifecycle.evolve(state, event);
      }
    }
    return state;
  }

  /** One order per reachable situation, named for the table tests. */
  enum Situation {
    NONE,
    PLACED(place()),
    PAID(place(), pay()),
    PARTLY_REFUNDED(place(), pay(), refund("30.00")),
    SHIPPED(place(), pay(), ship()),
    CANCELLED_UNPAID(place(), cancel()),
    CANCELLED_PAID(place(), pay(), cancel()),
    REFUNDED(place(), pay(), refund("100.00"));

    final OrderCommand[] history;

    Situation(OrderCommand... history) {
      this.history = history;
    }

    OrderState state() {
      return after(history);
    }
  }
}
