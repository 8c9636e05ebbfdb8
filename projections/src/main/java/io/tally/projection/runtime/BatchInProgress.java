package io.tally.projection.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One batch from the moment it is taken until the store has it: its records, the sink batch made of them, and
 * whether its poison is already in the dead-letter topic (so a retry does not copy it twice).
 */
final class BatchInProgress {
  final List<DecodedRecord> records;
  final SinkBatch batch;
  final List<DecodedRecord.Poison> poison;
  final long takenNanos;
  /** Kafka timestamp of the oldest record per partition; kept, as status asks for it several times a second. */
  private final Map<Integer, Long> oldest;
  /** Kafka timestamp of the newest record per partition: how fresh the store is once it has this batch. */
  private final Map<Integer, Long> newest;
  /** Set once this batch's poison is in the DLQ; a remainder retried later must not copy it again. */
  volatile boolean poisonSent;

  BatchInProgress(List<DecodedRecord> records, long takenNanos) {
    this.records = List.copyOf(records);
    this.takenNanos = takenNanos;
    List<ProjectedEvent> events = new ArrayList<>(records.size());
    List<DecodedRecord.Poison> bad = new ArrayList<>();
    Map<Integer, Long> next = new HashMap<>();
    Map<Integer, Long> oldestByPartition = new HashMap<>();
    Map<Integer, Long> newestByPartition = new HashMap<>();
    // Records come in runs of one partition (a fetch is per partition): the maps are updated once per run, not
    // once per record, which boxed two longs per record of every batch.
    int run = 0;
    while (run < records.size()) {
      int partition = records.get(run).partition();
      long nextOffset = 0;
      long oldestTimestamp = Long.MAX_VALUE;
      long newestTimestamp = Long.MIN_VALUE;
      int end = run;
      for (; end < records.size() && records.get(end).partition() == partition; end++) {
        DecodedRecord r = records.get(end);
        if (r instanceof DecodedRecord.Valid v) {
          events.add(v.event());
        } else {
          bad.add((DecodedRecord.Poison) r);
        }
        nextOffset = Math.max(nextOffset, r.offset() + 1);
        oldestTimestamp = Math.min(oldestTimestamp, r.timestampMs());
        newestTimestamp = Math.max(newestTimestamp, r.timestampMs());
      }
      next.merge(partition, nextOffset, Math::max);
      oldestByPartition.merge(partition, oldestTimestamp, Math::min);
      newestByPartition.merge(partition, newestTimestamp, Math::max);
      run = end;
    }
    this.batch = new SinkBatch(events, next);
    this.poison = List.copyOf(bad);
    this.oldest = Map.copyOf(oldestByPartition);
    this.newest = Map.copyOf(newestByPartition);
  }

  /**
   * The part of this batch the store does not have yet, given its resume point. Empty when the store is behind
   * what the runtime believed it had applied on some partition (data lost or rolled back in the store): only a
   * full reload from the store's own offsets is safe then.
   */
  Optional<BatchInProgress> remainderAfter(Map<Integer, Long> resume, Map<Integer, Long> believedApplied) {
    for (Integer partition : batch.nextOffsets().keySet()) {
      Long believed = believedApplied.get(partition);
      if (believed != null && resume.getOrDefault(partition, 0L) < believed) {
        return Optional.empty();
      }
    }
    List<DecodedRecord> rest = records.stream()
        .filter(r -> r.offset() >= resume.getOrDefault(r.partition(), 0L))
        .toList();
    return Optional.of(new BatchInProgress(rest, takenNanos));
  }

  Map<Integer, Long> oldestTimestamps() {
    return oldest;
  }

  Map<Integer, Long> newestTimestamps() {
    return newest;
  }
}
