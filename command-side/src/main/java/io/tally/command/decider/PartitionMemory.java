package io.tally.command.decider;

import io.tally.order.OrderState;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What a decider knows about one partition it owns: the state of every order on it (folded from
 * {@code orders.events}) and the commands already decided (from {@code orders.command-results}). Touched only by
 * the decider thread, so plain collections.
 */
final class PartitionMemory {
  final int partition;
  final Map<String, OrderState> orders = new HashMap<>();
  final CommandIndex commands = new CommandIndex();

  PartitionMemory(int partition) {
    this.partition = partition;
  }

  OrderState state(String orderKey) {
    return orders.getOrDefault(orderKey, OrderState.NONE);
  }

  /**
   * Keeps a state in a compact form: a partition holds hundreds of thousands of orders, and each parsed event
   * brings its own copy of "EUR" and of an amount equal to one the state already has.
   */
  void put(String orderKey, OrderState state) {
    String currency = state.currency() == null ? null : state.currency().intern();
    BigDecimal paid = state.paid().compareTo(state.amount()) == 0 ? state.amount() : state.paid();
    BigDecimal refunded = state.refunded().signum() == 0 ? BigDecimal.ZERO : state.refunded();
    orders.put(orderKey, currency == state.currency() && paid == state.paid() && refunded == state.refunded()
        ? state : new OrderState(state.status(), state.version(), state.amount(), currency, paid, refunded));
  }
}
