package io.tally.order;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * The order lifecycle as two pure functions: {@code decide} turns a command into events or a refusal,
 * {@code evolve} folds an event into state. The decider rebuilds state by replaying {@code orders.events} through
 * {@code evolve}, so the two must agree; the tests drive every status through {@code evolve} before deciding.
 */
public final class OrderLifecycle {

  private OrderLifecycle() {}

  /**
   * Rules in order of precedence: a stale expectedVersion first (the client acted on an outdated view, so any
   * other answer would mislead it), then existence, then the command's own rules.
   */
  public static Decision decide(OrderState state, OrderCommand command) {
    OptionalLong expected = command.expectedVersion();
    if (expected.isPresent() && expected.getAsLong() != state.version()) {
      return new Decision.Rejected(Rule.EXPECTED_VERSION_MISMATCH,
          "expected version " + expected.getAsLong() + " but order " + command.orderId() + " is at version "
              + state.version());
    }
    if (command instanceof PlaceOrder place) {
      return OrderDecisions.place(state, place);
    }
    if (state.status() == OrderStatus.NONE) {
      return new Decision.Rejected(Rule.ORDER_NOT_FOUND, "order " + command.orderId() + " does not exist");
    }
    if (command instanceof PayOrder pay) {
      return OrderDecisions.pay(state, pay);
    }
    if (command instanceof ShipOrder ship) {
      return OrderDecisions.ship(state, ship);
    }
    if (command instanceof CancelOrder cancel) {
      return OrderDecisions.cancel(state, cancel);
    }
    return OrderDecisions.refund(state, (RefundOrder) command);
  }

  /** The state after {@code event}; trusts the event, since events are facts that already happened. */
  public static OrderState evolve(OrderState state, OrderEvent event) {
    long version = state.version() + 1;
    if (event instanceof OrderPlaced placed) {
      return new OrderState(OrderStatus.PLACED, version, placed.amount(), placed.currency(), BigDecimal.ZERO,
          BigDecimal.ZERO);
    }
    if (event instanceof OrderPaid paid) {
      return new OrderState(OrderStatus.PAID, version, state.amount(), state.currency(), paid.amount(),
          state.refunded());
    }
    if (event instanceof OrderShipped) {
      return state.next(OrderStatus.SHIPPED);
    }
    if (event instanceof OrderCancelled) {
      return state.next(OrderStatus.CANCELLED);
    }
    OrderRefunded refunded = (OrderRefunded) event;
    // A partial refund keeps the status (a paid order stays paid, a shipped one shipped); only full refund ends it.
    OrderStatus status = refunded.fullyRefunded() ? OrderStatus.REFUNDED : state.status();
    return new OrderState(status, version, state.amount(), state.currency(), state.paid(),
        refunded.totalRefunded());
  }

  /** The state after all {@code events}, from nothing. */
  public static OrderState replay(Iterable<? extends OrderEvent> events) {
    OrderState state = OrderState.NONE;
    for (OrderEvent event : events) {
      state = evolve(state, event);
    }
    return state;
  }
}
