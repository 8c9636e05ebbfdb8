package io.tally.lake.read;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's daily revenue as the lake held it at one snapshot. {@code snapshotId} is empty when the lake had no
 * data at the requested time (before its first run), and then {@code days} is empty too.
 */
public record RevenueHistory(String tenant, Optional<Long> snapshotId, Optional<Instant> committedAt,
                             List<DailyRevenue> days) {

  public RevenueHistory {
    days = List.copyOf(days);
  }

  static RevenueHistory none(String tenant) {
    return new RevenueHistory(tenant, Optional.empty(), Optional.empty(), List.of());
  }
}
