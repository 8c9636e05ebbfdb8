package io.tally.projection.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decoded records waiting to become the next batch, in fetch order (so per partition in offset order). Knows
 * when a batch is due: full, or its oldest record has waited long enough.
 */
final class PendingRecords {
  private record Pending(DecodedRecord record, long arrivedNanos) {}

  private final ArrayDeque<Pending> records = new ArrayDeque<>();

  void add(DecodedRecord record, long nowNanos) {
    records.addLast(new Pending(record, nowNanos));
  }

  int size() {
    return records.size();
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  boolean due(BatchPolicy policy, long nowNanos) {
    return records.size() >= policy.maxEvents() || (!records.isEmpty() && nanosUntilDue(policy, nowNanos) <= 0);
  }

  /** How long until the oldest record has waited maxWait; Long.MAX_VALUE when nothing waits. */
  long nanosUntilDue(BatchPolicy policy, long nowNanos) {
    if (records.isEmpty()) {
      return Long.MAX_VALUE;
    }
    return records.peekFirst().arrivedNanos() + policy.maxWait().toNanos() - nowNanos;
  }

  List<DecodedRecord> take(int max) {
    List<DecodedRecord> batch = new ArrayList<>(Math.min(max, records.size()));
    while (batch.size() < max && !records.isEmpty()) {
      batch.add(records.pollFirst().record());
    }
    return batch;
  }

  void dropPartitions(Set<Integer> partitions) {
    records.removeIf(p -> partitions.contains(p.record().partition()));
  }

  void clear() {
    records.clear();
  }

  /** Kafka timestamp of the first waiting record per partition: the oldest thing the store does not have. */
  Map<Integer, Long> oldestTimestamps() {
    Map<Integer, Long> oldest = new HashMap<>();
    for (Pending p : records) {
      if (!oldest.containsKey(p.record().partition())) { // not putIfAbsent: that boxes a timestamp per record
        oldest.put(p.record().partition(), p.record().timestampMs());
      }
    }
    return oldest;
  }
}
