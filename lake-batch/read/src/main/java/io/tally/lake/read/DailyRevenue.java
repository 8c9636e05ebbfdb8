package io.tally.lake.read;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the gold table: a tenant's orders and money on one UTC day, in one currency (an order counts under
 * the currency it was placed in). {@code revenue} is paid minus refunded on that day.
 */
public record DailyRevenue(
    LocalDate day,
    String currency,
    long ordersPlaced,
    long ordersPaid,
    long ordersShipped,
    long ordersCancelled,
    long refunds,
    BigDecimal paidAmount,
    BigDecimal refundedAmount,
    BigDecimal revenue) {}
