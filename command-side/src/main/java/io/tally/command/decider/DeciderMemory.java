package io.tally.command.decider;

import io.tally.command.wire.Hashes;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The memories of the partitions this decider owns right now; changed only after a transaction commits. */
final class DeciderMemory {
  private final Map<Integer, PartitionMemory> partitions = new HashMap<>();

  PartitionMemory get(int partition) {
    PartitionMemory memory = partitions.get(partition);
    if (memory == null) {
      // The rebalance listener rebuilds every assigned partition before poll returns its records.
      throw new IllegalStateException("no memory for partition " + partition + "; it was never rebuilt");
    }
    return memory;
  }

  void putAll(Map<Integer, PartitionMemory> rebuilt) {
    partitions.putAll(rebuilt);
  }

  void drop(Collection<Integer> revoked) {
    revoked.forEach(partitions::remove);
  }

  Collection<Integer> owned() {
    return partitions.keySet();
  }

  /** Applies a committed batch: the new order states, and where each first outcome now is. */
  void apply(BatchPlan plan, Map<Step, Long> outcomeOffsets) {
    plan.states.forEach((orderKey, staged) -> get(staged.partition()).put(orderKey, staged.state()));
    outcomeOffsets.forEach((step, offset) -> {
      if (step.isFirstAnswer()) {
        get(step.partition).commands.putIfAbsent(Hashes.command(step.tenant, step.commandId), offset);
      }
    });
  }

  long orderCount() {
    long n = 0;
    for (PartitionMemory m : partitions.values()) {
      n += m.orders.size();
    }
    return n;
  }
}
