package io.tally.command.decider;

import io.tally.order.OrderState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The decisions for one polled batch, kept apart from the decider's memory until the transaction commits: an
 * aborted transaction then leaves the memory exactly as the log is, with nothing to undo.
 */
final class BatchPlan {
  record Staged(int partition, OrderState state) {}

  final List<Step> steps = new ArrayList<>();
  /** Order key to its state after this batch's events. */
  final Map<String, Staged> states = new HashMap<>();
  /** Command key (tenant + id) to the step that first decides it in this batch. */
  final Map<String, Step> firstInBatch = new HashMap<>();
  /** The next command offset to consume, per partition: committed in the same transaction as the events. */
  final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();

  int eventCount() {
    int n = 0;
    for (Step s : steps) {
      n += s.envelopes.size();
    }
    return n;
  }
}
