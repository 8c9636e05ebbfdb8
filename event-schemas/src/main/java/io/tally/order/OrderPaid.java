package io.tally.order;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** The order was paid in full. */
public record OrderPaid(BigDecimal amount, String currency, Optional<String> paymentRef) implements OrderEvent {

  public OrderPaid {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(paymentRef, "paymentRef");
  }
}
