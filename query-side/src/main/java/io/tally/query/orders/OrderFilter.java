package io.tally.query.orders;

import io.tally.query.http.InvalidParam;
import io.tally.query.http.Params;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What GET /orders may ask for: statuses (comma-separated, any of them), a creation-time window [from, to), a page
 * size and the cursor of the previous page.
 */
public record OrderFilter(List<String> statuses, Optional<Instant> from, Optional<Instant> to, int limit,
                          Optional<OrderCursor> after) {
  /** The statuses a row of the view can have; UNKNOWN is a row whose first event so far was a partial refund. */
  public static final Set<String> STATUSES = Set.of("PLACED", "PAID", "SHIPPED", "CANCELLED", "REFUNDED", "UNKNOWN");
  public static final int MAX_LIMIT = 500;

  public static OrderFilter from(RoutingContext ctx) {
    List<String> statuses = Params.text(ctx, "status").map(OrderFilter::statuses).orElse(List.of());
    Optional<Instant> from = Params.instant(ctx, "from");
    Optional<Instant> to = Params.instant(ctx, "to");
    Params.ordered(from, to);
    int limit = Params.integer(ctx, "limit", 50, 1, MAX_LIMIT);
    return new OrderFilter(statuses, from, to, limit, Params.text(ctx, "cursor").map(OrderCursor::decode));
  }

  public static OrderFilter recent(int limit) {
    return new OrderFilter(List.of(), Optional.empty(), Optional.empty(), limit, Optional.empty());
  }

  private static List<String> statuses(String csv) {
    Set<String> out = new LinkedHashSet<>();
    for (String part : csv.split(",")) {
      String status = part.strip().toUpperCase();
      if (!STATUSES.contains(status)) {
        throw new InvalidParam("status", "unknown status '" + part.strip() + "'; expected any of "
            + Arrays.toString(STATUSES.stream().sorted().toArray()));
      }
      out.add(status);
    }
    return List.copyOf(out);
  }
}
