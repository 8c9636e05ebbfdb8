package io.tally.order;

import java.util.Objects;

/** One line of an order: what and how many. Prices stay at order level to keep the lifecycle small. */
public record OrderLine(String sku, int quantity) {

  public OrderLine {
    Objects.requireNonNull(sku, "sku");
  }
}
