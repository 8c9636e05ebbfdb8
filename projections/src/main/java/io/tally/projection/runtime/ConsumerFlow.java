package io.tally.projection.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the poll thread tells its consumer besides poll: which partitions to hold, and the group offsets that lag
 * tools read. Called on the poll thread only, like everything that touches the consumer.
 */
final class ConsumerFlow {
  private ConsumerFlow() {}

  /**
   * Pauses every partition while holdAll (a full batch waits, a batch is retried, the store fails, or the operator
   * holds the projection), and the partitions still waiting for their resume point; resumes the rest.
   */
  static void hold(Consumer<byte[], byte[]> consumer, boolean holdAll, Set<Integer> awaitingSeek) {
    Set<TopicPartition> assigned = consumer.assignment();
    Set<TopicPartition> wanted = assigned.stream()
        .filter(tp -> holdAll || awaitingSeek.contains(tp.partition())).collect(Collectors.toSet());
    Set<TopicPartition> paused = consumer.paused();
    List<TopicPartition> toPause = wanted.stream().filter(tp -> !paused.contains(tp)).toList();
    List<TopicPartition> toResume = paused.stream().filter(tp -> !wanted.contains(tp) && assigned.contains(tp)).toList();
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
  }

  /** Only for lag tools that read group offsets (kafka-consumer-groups); resuming never reads them. */
  static void commitForMonitoring(Consumer<byte[], byte[]> consumer, String topic, Map<Integer, Long> next,
                                  Set<Integer> owned) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    next.forEach((p, o) -> {
      if (owned.contains(p)) {
        offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(o));
      }
    });
    if (!offsets.isEmpty()) {
      consumer.commitAsync(offsets, (o, e) -> { });
    }
  }
}
