package io.tally.order;

import static io.tally.order.Orders.after;
import static io.tally.order.Orders.cancel;
import static io.tally.order.Orders.pay;
import static io.tally.order.Orders.place;
import static io.tally.order.Orders.refund;
import static io.tally.order.Orders.ship;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderLifecycleTest {

  static String rule(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Rejected.class);
    return ((Decision.Rejected) decision).code();
  }

  static OrderEvent only(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    List<OrderEvent> events = ((Decision.Accepted) decision).events();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void expectedVersionMustMatchWhenGiven() {
    OrderState paid = after(place(), pay()); // version 2
    ShipOrder base = ship();
    ShipOrder atTwo = new ShipOrder(base.commandId(), base.tenant(), base.orderId(), OptionalLong.of(2),
        base.carrier(), base.trackingId());
    ShipOrder atOne = new ShipOrder(base.commandId(), base.tenant(), base.orderId(), OptionalLong.of(1),
        base.carrier(), base.trackingId());

    assertThat(only(OrderLifecycle.decide(paid, atTwo))).isInstanceOf(OrderShipped.class);
    assertThat(rule(OrderLifecycle.decide(paid, atOne))).isEqualTo("expected-version.mismatch");
  }

  @Test
  void expectedVersionIsCheckedBeforeAnyOtherRule() {
    PlaceOrder again = place();
    PlaceOrder stale = new PlaceOrder("c-2", again.tenant(), again.orderId(), OptionalLong.of(0),
        again.customerId(), again.amount(), again.currency(), again.items());

    assertThat(rule(OrderLifecycle.decide(after(place()), stale))).isEqualTo("expected-version.mismatch");
    assertThat(only(OrderLifecycle.decide(OrderState.NONE, stale))).isInstanceOf(OrderPlaced.class);
  }

  @ParameterizedTest
  @CsvSource({
      "0,        EUR, amount.not-positive",
      "-5,       EUR, amount.not-positive",
      "10.001,   EUR, amount.too-many-decimals",
      "10.5,     JPY, amount.too-many-decimals",
      "1000000000.01, EUR, amount.too-large",
      "10,       eur, currency.not-iso4217",
      "10,       EURO, currency.not-iso4217",
      "10,       ZZZ, currency.not-iso4217",
      "10,       XAU, currency.not-supported"})
  void placeRefusesBadMoney(String amount, String currency, String expectedRule) {
    assertThat(rule(OrderLifecycle.decide(OrderState.NONE, place(amount, currency)))).isEqualTo(expectedRule);
  }

  @ParameterizedTest
  @CsvSource({"10.50, EUR, 10.50", "10.5, EUR, 10.50", "10.500, EUR, 10.50", "1200, JPY, 1200", "1.234, BHD, 1.234",
      "1000000000, EUR, 1000000000.00"})
  void placeScalesTheAmountToTheCurrency(String amount, String currency, String stored) {
    OrderPlaced placed = (OrderPlaced) only(OrderLifecycle.decide(OrderState.NONE, place(amount, currency)));

    assertThat(placed.amount().toPlainString()).isEqualTo(stored);
    assertThat(placed.currency()).isEqualTo(currency);
    assertThat(placed.customerId()).isEqualTo("cust-1");
    assertThat(placed.items()).containsExactly(new OrderLine("SKU-1", 2));
  }

  @Test
  void payMustBeTheFullAmountInTheOrdersCurrency() {
    OrderState placed = after(place("100.00", "EUR"));
    PayOrder inDollars = new PayOrder("c", "acme", "o-1", OptionalLong.empty(), new BigDecimal("100"),
        Optional.of("USD"), Optional.empty());
    PayOrder inEuros = new PayOrder("c", "acme", "o-1", OptionalLong.empty(), new BigDecimal("100"),
        Optional.of("EUR"), Optional.empty());

    assertThat(rule(OrderLifecycle.decide(placed, pay("99.99")))).isEqualTo("pay.amount-mismatch");
    assertThat(rule(OrderLifecycle.decide(placed, pay("100.01")))).isEqualTo("pay.amount-mismatch");
    assertThat(rule(OrderLifecycle.decide(placed, pay("100.001")))).isEqualTo("amount.too-many-decimals");
    assertThat(rule(OrderLifecycle.decide(placed, pay("-100")))).isEqualTo("amount.not-positive");
    assertThat(rule(OrderLifecycle.decide(placed, inDollars))).isEqualTo("pay.currency-mismatch");
    OrderPaid paid = (OrderPaid) only(OrderLifecycle.decide(placed, inEuros));
    assertThat(paid.amount().toPlainString()).isEqualTo("100.00");
    assertThat(paid.currency()).isEqualTo("EUR");
  }

  @Test
  void refundsAddUpToAtMostWhatWasPaid() {
    OrderState afterFirst = after(place(), pay(), refund("60.00"));
    assertThat(afterFirst.refunded()).isEqualByComparingTo("60.00");
    assertThat(afterFirst.status()).isEqualTo(OrderStatus.PAID);

    assertThat(rule(OrderLifecycle.decide(afterFirst, refund("40.01")))).isEqualTo("refund.exceeds-paid");
    OrderRefunded rest = (OrderRefunded) only(OrderLifecycle.decide(afterFirst, refund("40")));

    assertThat(rest.amount().toPlainString()).isEqualTo("40.00");
    assertThat(rest.totalRefunded().toPlainString()).isEqualTo("100.00");
    assertThat(rest.fullyRefunded()).isTrue();
    assertThat(OrderLifecycle.evolve(afterFirst, rest).status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void refundInAnotherCurrencyIsRefused() {
    RefundOrder inYen = new RefundOrder("c", "acme", "o-1", OptionalLong.empty(), BigDecimal.TEN,
        Optional.of("JPY"), "damaged");

    assertThat(rule(OrderLifecycle.decide(after(place(), pay()), inYen))).isEqualTo("refund.currency-mismatch");
  }

  @Test
  void evolveRebuildsTheWholeOrderFromItsEvents() {
    List<OrderEvent> history = List.of(
        new OrderPlaced("cust-1", new BigDecimal("80.00"), "EUR", List.of()),
        new OrderPaid(new BigDecimal("80.00"), "EUR", Optional.of("psp-1")),
        new OrderShipped(Optional.of("UPS"), Optional.of("1Z999")),
        new OrderRefunded(new BigDecimal("20.00"), "EUR", "broken cup", new BigDecimal("20.00"), false));

    OrderState state = OrderLifecycle.replay(history);

    assertThat(state).isEqualTo(new OrderState(OrderStatus.SHIPPED, 4, new BigDecimal("80.00"), "EUR",
        new BigDecimal("80.00"), new BigDecimal("20.00")));
    assertThat(state.refundable()).isEqualByComparingTo("60.00");
    assertThat(OrderLifecycle.replay(List.of())).isEqualTo(OrderState.NONE);
  }

  @Test
  void cancellingAPaidOrderKeepsTheMoneyRefundable() {
    OrderState cancelled = after(place(), pay(), cancel());

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.refundable()).isEqualByComparingTo("100.00");
    assertThat(after(place(), pay(), cancel(), refund("100")).status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void refusalsExplainThemselves() {
    Decision.Rejected rejected = (Decision.Rejected) OrderLifecycle.decide(after(place(), pay()), refund("150"));

    assertThat(rejected.rule()).isEqualTo(Rule.REFUND_EXCEEDS_PAID);
    assertThat(rejected.message()).contains("100.00 EUR").contains("150");
  }
}
