package io.tally.order;

import static io.tally.order.Orders.Situation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every situation an order can be in, times every command: the event it yields or the rule it breaks. */
class OrderLifecycleTableTest {

  static final Map<String, Supplier<OrderCommand>> COMMANDS = Map.of(
      "place", Orders::place,
      "pay", Orders::pay,
      "ship", Orders::ship,
      "cancel", Orders::cancel,
      "refund", () -> Orders.refund("10.00"));

  /** Columns: place, pay, ship, cancel, refund 10.00. An event type means accepted. */
  static final Map<Situation, List<String>> EXPECTED = Map.of(
      Situation.NONE, List.of("OrderPlaced", "order.not-found", "order.not-found", "order.not-found",
          "order.not-found"),
      Situation.PLACED, List.of("order.already-exists", "OrderPaid", "ship.requires-paid", "OrderCancelled",
          "refund.requires-payment"),
      Situation.PAID, List.of("order.already-exists", "pay.requires-placed", "OrderShipped", "OrderCancelled",
          "OrderRefunded"),
      Situation.PARTLY_REFUNDED, List.of("order.already-exists", "pay.requires-placed", "OrderShipped",
          "OrderCancelled", "OrderRefunded"),
      Situation.SHIPPED, List.of("order.already-exists", "pay.requires-placed", "ship.requires-paid",
          "cancel.after-shipping", "OrderRefunded"),
      Situation.CANCELLED_UNPAID, List.of("order.already-exists", "order.closed", "order.closed", "order.closed",
          "refund.requires-payment"),
      Situation.CANCELLED_PAID, List.of("order.already-exists", "order.closed", "order.closed", "order.closed",
          "OrderRefunded"),
      Situation.REFUNDED, List.of("order.already-exists", "order.closed", "order.closed", "order.closed",
          "refund.exceeds-paid"));

  static Stream<Arguments> table() {
    List<String> columns = List.of("place", "pay", "ship", "cancel", "refund");
    List<Arguments> rows = new ArrayList<>();
    for (Situation situation : Situation.values()) {
      for (int c = 0; c < columns.size(); c++) {
        rows.add(Arguments.of(situation, columns.get(c), EXPECTED.get(situation).get(c)));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("table")
  void decide(Situation situation, String command, String expected) {
    OrderState state = situation.state();

    Decision decision = OrderLifecycle.decide(state, COMMANDS.get(command).get());

    if (Character.isUpperCase(expected.charAt(0))) {
      assertThat(decision).isInstanceOfSatisfying(Decision.Accepted.class,
          accepted -> assertThat(accepted.events()).singleElement().extracting(OrderEvent::type)
              .isEqualTo(expected));
    } else {
      assertThat(decision).isInstanceOfSatisfying(Decision.Rejected.class,
          rejected -> assertThat(rejected.code()).isEqualTo(expected));
    }
  }

  static Stream<Arguments> transitions() {
    return table().filter(row -> Character.isUpperCase(((String) row.get()[2]).charAt(0)));
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("transitions")
  void acceptedEventsMoveTheStateTheWayTheRulesSay(Situation situation, String command, String expected) {
    OrderState state = situation.state();
    Decision.Accepted accepted = (Decision.Accepted) OrderLifecycle.decide(state, COMMANDS.get(command).get());

    OrderState next = OrderLifecycle.evolve(state, accepted.events().get(0));

    assertThat(next.version()).isEqualTo(state.version() + 1);
    OrderStatus expectedStatus = switch (expected) {
      case "OrderPlaced" -> OrderStatus.PLACED;
      case "OrderPaid" -> OrderStatus.PAID;
      case "OrderShipped" -> OrderStatus.SHIPPED;
      case "OrderCancelled" -> OrderStatus.CANCELLED;
      default -> state.status(); // a 10.00 refund of 100.00 is partial everywhere in this table
    };
    assertThat(next.status()).isEqualTo(expectedStatus);
  }
}
