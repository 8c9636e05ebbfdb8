package io.tally.projection.pg;

import io.tally.order.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What one batch says about one order's row: the fold of the batch's events for it, newest version last.
 *
 * @param status   null when the batch alone cannot tell (it starts with a partial refund): the row keeps its own
 * @param amount   null unless the batch holds the order's OrderPlaced
 * @param createdAt time of the earliest event of the order in the batch (OrderPlaced when present)
 */
record OrderRowChange(String tenant, String orderId, OrderStatus status, BigDecimal amount, String currency,
                      long version, Instant createdAt, Instant updatedAt, UUID lastEventId) {}
