package io.tally.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** The order exists; {@code amount} is scaled to the currency's minor unit (12.5 EUR is stored as 12.50). */
public record OrderPlaced(String customerId, BigDecimal amount, String currency, List<OrderLine> items)
    implements OrderEvent {

  public OrderPlaced {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    items = List.copyOf(items);
  }
}
