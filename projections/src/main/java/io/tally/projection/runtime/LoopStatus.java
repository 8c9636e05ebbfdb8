package io.tally.projection.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns the poll thread's book-keeping into a {@link ProjectionStatus} a few times a second, so readers on other
 * threads (admin API, metrics, replays) never touch the consumer. Log ends are refreshed once a second.
 */
final class LoopStatus {
  private static final long END_OFFSETS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private volatile ProjectionStatus current;
  private long lastEndOffsetsNanos;

  LoopStatus(ProjectionStatus initial) {
    this.current = initial;
  }

  ProjectionStatus current() {
    return current;
  }

  void publish(ProjectionLoop loop, long now, boolean starting) {
    if (!starting) {
      refreshEndOffsets(loop, now);
    }
    long nowMs = System.currentTimeMillis();
    Map<Integer, Long> oldest = oldestUnapplied(loop);
    Set<TopicPartition> paused = starting ? Set.of() : loop.consumer.paused();
    List<PartitionStatus> parts = new ArrayList<>();
    loop.partitions.forEach((p, progress) -> {
      TopicPartition tp = new TopicPartition(loop.topic, p);
      long caughtUpTo = progress.appliedNext;
      if (!starting && !oldest.containsKey(p) && !loop.awaitingSeek.contains(p)) {
        // Nothing of this partition waits, so the store has everything fetched. The consumer's position is past
        // the transaction markers that follow the last record, which are not events and never reach a store.
        caughtUpTo = Math.max(caughtUpTo, position(loop, tp));
      }
      long lag = progress.endOffset < 0 || progress.appliedNext < 0 ? 0 : Math.max(0, progress.endOffset - caughtUpTo);
      double lagSeconds = lag == 0 ? 0 : oldest.containsKey(p) ? (nowMs - oldest.get(p)) / 1000.0
          : progress.lastAppliedTimestampMs >= 0 ? (nowMs - progress.lastAppliedTimestampMs) / 1000.0 : -1;
      parts.add(new PartitionStatus(p, progress.appliedNext, progress.resumedFrom, progress.endOffset, lag,
          Math.max(lagSeconds, lag == 0 ? 0 : -1), paused.contains(tp)));
    });
    boolean full = loop.pending.size() + loop.decoding.size() >= loop.policy.maxEvents();
    current = new ProjectionStatus(loop.sink.name(), state(loop, starting), loop.topic, List.copyOf(parts),
        error(loop), loop.store.attempts(), loop.store.retryInMs(now), full, loop.policy, loop.processed,
        loop.deadLettered, loop.batches, Instant.now());
    loop.metrics.publish(parts);
  }

  void stopped(ProjectionLoop loop) {
    ProjectionStatus last = current;
    current = new ProjectionStatus(last.name(), RuntimeState.STOPPED, last.topic(), last.partitions(), error(loop),
        last.retryAttempts(), 0, false, last.policy(), loop.processed, loop.deadLettered, loop.batches, Instant.now());
  }

  private static String error(ProjectionLoop loop) {
    if (loop.fatalError != null) {
      return "stopped: " + loop.fatalError;
    }
    if (loop.store.failing()) {
      return loop.store.lastError();
    }
    return loop.kafkaError == null ? null : "kafka: " + loop.kafkaError;
  }

  private static long position(ProjectionLoop loop, TopicPartition tp) {
    try {
      return loop.consumer.position(tp, Duration.ofMillis(100));
    } catch (RuntimeException e) {
      return -1; // unknown for a moment (reset in progress): report the store's own position
    }
  }

  private static RuntimeState state(ProjectionLoop loop, boolean starting) {
    if (loop.store.failing() || loop.kafkaError != null) {
      return RuntimeState.RETRYING;
    }
    if (starting) {
      return RuntimeState.STARTING;
    }
    if (loop.replaying) {
      return RuntimeState.REPLAYING; // including the short pause of its swap
    }
    return loop.controls().paused() ? RuntimeState.PAUSED : RuntimeState.RUNNING;
  }

  private static Map<Integer, Long> oldestUnapplied(ProjectionLoop loop) {
    Map<Integer, Long> oldest = new HashMap<>(loop.decoding.oldestTimestamps());
    loop.pending.oldestTimestamps().forEach((p, t) -> oldest.merge(p, t, Math::min));
    if (loop.inFlight != null) {
      loop.inFlight.original().oldestTimestamps().forEach((p, t) -> oldest.merge(p, t, Math::min));
    }
    if (loop.failed != null) {
      loop.failed.oldestTimestamps().forEach((p, t) -> oldest.merge(p, t, Math::min));
    }
    return oldest;
  }

  private void refreshEndOffsets(ProjectionLoop loop, long now) {
    if (now - lastEndOffsetsNanos < END_OFFSETS_EVERY_NANOS || loop.partitions.isEmpty()) {
      return;
    }
    lastEndOffsetsNanos = now;
    List<TopicPartition> tps = loop.partitions.keySet().stream().map(p -> new TopicPartition(loop.topic, p)).toList();
    try {
      // read_committed: these are last stable offsets, so open transactions do not count as lag.
      Map<TopicPartition, Long> ends = loop.consumer.endOffsets(tps, Duration.ofMillis(500));
      ends.forEach((tp, end) -> {
        PartitionProgress progress = loop.partitions.get(tp.partition());
        if (progress != null && end != null) {
          progress.endOffset = end;
        }
      });
    } catch (RuntimeException e) {
      // Broker unreachable for a moment: keep the last known ends; the consumer reconnects by itself.
    }
  }

}
