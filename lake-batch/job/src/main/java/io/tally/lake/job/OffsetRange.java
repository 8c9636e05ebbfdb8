package io.tally.lake.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events-table rows that arrived between two positions of the log, as a SQL predicate on their
 * (kafka_partition, kafka_offset): how a derived table finds what changed since it was last brought up to date.
 */
final class OffsetRange {
  private OffsetRange() {}

  /** from empty: the derived table has never been built, so every row counts. */
  static String predicate(Optional<KafkaOffsets> from, KafkaOffsets to) {
    if (from.isEmpty()) {
      return "TRUE";
    }
    List<String> parts = new ArrayList<>();
    to.next().forEach((partition, end) -> {
      long start = from.get().of(partition, 0L);
      if (end > start) {
        parts.add("(kafka_partition = " + partition + " AND kafka_offset >= " + start + " AND kafka_offset < "
            + end + ")");
      }
    });
    return parts.isEmpty() ? "FALSE" : String.join(" OR ", parts);
  }
}
