package io.tally.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** One decision per command, for an order that exists (except place). Precedence inside each is deliberate. */
final class OrderDecisions {

  private OrderDecisions() {}

  static Decision place(OrderState state, PlaceOrder place) {
    if (state.status() != OrderStatus.NONE) {
      return reject(Rule.ORDER_ALREADY_EXISTS, "order " + place.orderId() + " already exists");
    }
    Optional<Decision.Rejected> money = AmountRules.currency(place.currency())
        .or(() -> AmountRules.amount(place.amount(), place.currency()));
    if (money.isPresent()) {
      return money.get();
    }
    return accept(new OrderPlaced(place.customerId(), AmountRules.scaled(place.amount(), place.currency()),
        place.currency(), place.items()));
  }

  static Decision pay(OrderState state, PayOrder pay) {
    if (state.status().isClosed()) {
      return closed(state);
    }
    if (state.status() != OrderStatus.PLACED) {
      return reject(Rule.PAY_REQUIRES_PLACED, "only a placed order can be paid; this one is " + state.status());
    }
    Optional<Decision.Rejected> money = sameCurrency(pay.currency(), state, Rule.PAY_CURRENCY_MISMATCH)
        .or(() -> AmountRules.amount(pay.amount(), state.currency()));
    if (money.isPresent()) {
      return money.get();
    }
    if (pay.amount().compareTo(state.amount()) != 0) {
      return reject(Rule.PAY_AMOUNT_MISMATCH, "payment must be the full " + state.amount().toPlainString() + " "
          + state.currency() + ", got " + pay.amount().toPlainString());
    }
    return accept(new OrderPaid(state.amount(), state.currency(), pay.paymentRef()));
  }

  static Decision ship(OrderState state, ShipOrder ship) {
    if (state.status().isClosed()) {
      return closed(state);
    }
    if (state.status() != OrderStatus.PAID) {
      return reject(Rule.SHIP_REQUIRES_PAID, "only a paid order can ship; this one is " + state.status());
    }
    return accept(new OrderShipped(ship.carrier(), ship.trackingId()));
  }

  static Decision cancel(OrderState state, CancelOrder cancel) {
    if (state.status().isClosed()) {
      return closed(state);
    }
    if (state.status() == OrderStatus.SHIPPED) {
      return reject(Rule.CANCEL_AFTER_SHIPPING, "a shipped order cannot be cancelled; refund it instead");
    }
    return accept(new OrderCancelled(cancel.reason()));
  }

  /** Refunds follow the money, not the status: a cancelled order that was paid can still be refunded. */
  static Decision refund(OrderState state, RefundOrder refund) {
    if (state.paid().signum() == 0) {
      return reject(Rule.REFUND_REQUIRES_PAYMENT, "nothing was paid for this order, so nothing can be refunded");
    }
    Optional<Decision.Rejected> money = sameCurrency(refund.currency(), state, Rule.REFUND_CURRENCY_MISMATCH)
        .or(() -> AmountRules.amount(refund.amount(), state.currency()));
    if (money.isPresent()) {
      return money.get();
    }
    if (refund.amount().compareTo(state.refundable()) > 0) {
      return reject(Rule.REFUND_EXCEEDS_PAID, "at most " + state.refundable().toPlainString() + " "
          + state.currency() + " can still be refunded, asked for " + refund.amount().toPlainString());
    }
    BigDecimal amount = AmountRules.scaled(refund.amount(), state.currency());
    BigDecimal total = state.refunded().add(amount);
    return accept(new OrderRefunded(amount, state.currency(), refund.reason(), total,
        total.compareTo(state.paid()) == 0));
  }

  private static Optional<Decision.Rejected> sameCurrency(Optional<String> given, OrderState state, Rule mismatch) {
    if (given.isEmpty()) {
      return Optional.empty();
    }
    String code = given.get();
    return AmountRules.currency(code).or(() -> code.equals(state.currency())
        ? Optional.empty()
        : Optional.of(new Decision.Rejected(mismatch, "order is in " + state.currency() + ", not " + code)));
  }

  private static Decision closed(OrderState state) {
    return reject(Rule.ORDER_CLOSED, "order is " + state.status() + " and accepts no further change");
  }

  private static Decision accept(OrderEvent event) {
    return new Decision.Accepted(List.of(event));
  }

  private static Decision reject(Rule rule, String message) {
    return new Decision.Rejected(rule, message);
  }
}
