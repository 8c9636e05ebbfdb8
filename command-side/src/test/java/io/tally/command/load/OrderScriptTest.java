package io.tally.command.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EventJson;
import io.tally.order.CommandParser;
import io.tally.order.Decision;
import io.tally.order.OrderLifecycle;
import io.tally.order.OrderState;
import io.tally.order.ParseResult;
import io.tally.order.PayOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generated lifecycles are real ones: every command parses, and the lifecycle accepts it in order. */
class OrderScriptTest {

  @Test
  void everyStepParsesAndIsAcceptedExceptTheDeliberateMistakes() throws Exception {
    Random rnd = new Random(3);
    Map<String, Integer> types = new HashMap<>();
    int refused = 0;
    for (int n = 0; n < 2000; n++) {
      OrderScript script = OrderScript.draw("acme", "o" + n, rnd);
      OrderState state = OrderState.NONE;
      do {
        ParseResult parsed = CommandParser.parse("acme", (ObjectNode) EventJson.read(script.current().encode()));
        assertThat(parsed).as(script.current().encode()).isInstanceOf(ParseResult.Parsed.class);
        var command = ((ParseResult.Parsed) parsed).command();
        types.merge(command.type(), 1, Integer::sum);
        Decision d = OrderLifecycle.decide(state, command);
        if (d instanceof Decision.Accepted a) {
          for (var e : a.events()) {
            state = OrderLifecycle.evolve(state, e);
          }
        } else {
          assertThat(command).isInstanceOf(PayOrder.class);
          assertThat(((Decision.Rejected) d).code()).isEqualTo("pay.amount-mismatch");
          refused++;
        }
      } while (script.advance());
    }
    assertThat(types).containsKeys("PlaceOrder", "PayOrder", "ShipOrder", "CancelOrder", "RefundOrder");
    assertThat(types.get("ShipOrder")).isGreaterThan(types.get("CancelOrder"));
    assertThat(refused).isBetween(10, 80);
  }
}
