package io.tally.order;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pays a placed order in full. {@code currency} may be left out (it is the order's); when given it must match,
 * so a client that believes the order is in another currency is told rather than silently charged.
 */
public record PayOrder(
    String commandId, String tenant, String orderId, OptionalLong expectedVersion,
    BigDecimal amount, Optional<String> currency, Optional<String> paymentRef) implements OrderCommand {

  public PayOrder {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(paymentRef, "paymentRef");
  }
}
