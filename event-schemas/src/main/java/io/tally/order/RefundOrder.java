package io.tally.order;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Returns part or all of what was paid; {@code currency}, when given, must be the order's. */
public record RefundOrder(
    String commandId, String tenant, String orderId, OptionalLong expectedVersion,
    BigDecimal amount, Optional<String> currency, String reason) implements OrderCommand {

  public RefundOrder {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(reason, "reason");
  }
}
