package io.tally.order;

import java.util.List;
import java.util.Objects;

/** What the lifecycle says about a command: the events to append, or the rule it breaks. */
public sealed interface Decision {

  record Accepted(List<OrderEvent> events) implements Decision {
    public Accepted {
      events = List.copyOf(events);
    }
  }

  record Rejected(Rule rule, String message) implements Decision {
    public Rejected {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(message, "message");
    }

    /** The stable machine name, e.g. {@code pay.amount-mismatch}. */
    public String code() {
      return rule.code();
    }
  }
}
