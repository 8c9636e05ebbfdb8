package io.tally.projection.runtime;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Group membership changes, on the poll thread: hand partitions back only after the batch in flight is in the
 * store (so the next owner's resume point includes it), and take new ones from the store's resume point.
 */
final class PartitionOwnership implements ConsumerRebalanceListener {
  private final ProjectionLoop loop;

  PartitionOwnership(ProjectionLoop loop) {
    this.loop = loop;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
    loop.awaitInFlight(Duration.ofSeconds(30));
    loop.forget(revoked);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> lost) {
    loop.forget(lost);
  }

  /**
   * New partitions are paused until the store's resume point is known: otherwise this same poll fetches them from
   * the group's committed offsets (the log end, after a restart), the broker holds that fetch for fetch.max.wait.ms,
   * and the resume point's offset lookups wait behind it on the connection (half a second per start, measured).
   */
  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
    for (TopicPartition tp : assigned) {
      loop.partitions.putIfAbsent(tp.partition(), new PartitionProgress(tp.partition()));
      loop.awaitingSeek.add(tp.partition());
    }
    loop.consumer.pause(assigned);
  }
}
