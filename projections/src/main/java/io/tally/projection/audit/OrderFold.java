package io.tally.projection.audit;

import io.tally.order.OrderStatus;
import io.tally.projection.runtime.EventFacts;
import io.tally.projection.runtime.ProjectedEvent;

/** One order's state as the log says, folded the way the row view must end up: newest version wins. */
public record OrderFold(long version, String status) {

  static OrderFold next(OrderFold before, ProjectedEvent e) {
    if (before != null && before.version >= e.sequence()) {
      return before;
    }
    OrderStatus previous = before == null || before.status == null ? null : OrderStatus.valueOf(before.status);
    OrderStatus after = EventFacts.statusAfter(e.event(), previous);
    return new OrderFold(e.sequence(), after == null ? (before == null ? "UNKNOWN" : before.status) : after.name());
  }
}
