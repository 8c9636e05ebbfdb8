package io.tally.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** Creates an order for {@code amount} in {@code currency} (ISO 4217). */
public record PlaceOrder(
    String commandId, String tenant, String orderId, OptionalLong expectedVersion,
    String customerId, BigDecimal amount, String currency, List<OrderLine> items) implements OrderCommand {

  public PlaceOrder {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    items = List.copyOf(items);
  }
}
