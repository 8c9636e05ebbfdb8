package io.tally.command.decider;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps memory in step with ownership. Runs inside poll() on the decider thread, when no transaction is open
 * (each batch commits or aborts before the next poll), so a revoked partition has nothing in flight.
 */
final class DeciderRebalance implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(DeciderRebalance.class);
  private final DeciderMemory memory;
  private final StateRebuild rebuild;
  private final DeciderMetrics metrics;

  DeciderRebalance(DeciderMemory memory, StateRebuild rebuild, DeciderMetrics metrics) {
    this.memory = memory;
    this.rebuild = rebuild;
    this.metrics = metrics;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    List<Integer> numbers = partitions.stream().map(TopicPartition::partition).sorted().toList();
    rebuild(numbers);
  }

  /** Rebuilds (or re-rebuilds) the given partitions; their records are decided only after this returns. */
  void rebuild(Collection<Integer> partitions) {
    metrics.rebuilding = true;
    StateRebuild.Result result;
    try {
      result = rebuild.rebuild(partitions);
    } finally {
      metrics.rebuilding = false;
    }
    memory.putAll(result.memories());
    metrics.rebuilt(result.nanos(), result.events(), result.outcomes(), result.skipped());
    metrics.ownedPartitions.set(memory.owned().size());
    metrics.orders.set(memory.orderCount());
    LOG.info("rebuilt partitions {} in {} ms: {} events ({} skipped), {} outcomes indexed", partitions,
        result.nanos() / 1_000_000, result.events(), result.skipped(), result.outcomes());
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    drop(partitions, "revoked");
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    drop(partitions, "lost");
  }

  private void drop(Collection<TopicPartition> partitions, String why) {
    if (partitions.isEmpty()) {
      return;
    }
    memory.drop(partitions.stream().map(TopicPartition::partition).toList());
    metrics.ownedPartitions.set(memory.owned().size());
    metrics.orders.set(memory.orderCount());
    LOG.info("partitions {} {}", partitions, why);
  }
}
