package io.tally.projection.dlq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic from its start to its current end and answers which dead letters are still
 * pending: repeats of one source record are folded, and those a redrive marked as applied are left out.
 * Blocking; call it from a worker.
 */
public final class DeadLetterLog {
  private final String bootstrap;
  private final String dlqTopic;

  public DeadLetterLog(String bootstrap, String dlqTopic) {
    this.bootstrap = bootstrap;
    this.dlqTopic = dlqTopic;
  }

  /** Pending dead letters of a projection (all projections when null), oldest first. */
  public List<DeadLetterEntry> pending(String projection) {
    Map<String, DeadLetterEntry> poison = new LinkedHashMap<>();
    Set<String> redriven = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(dlqTopic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(dlqTopic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + dlqTopic + " took longer than 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          DeadLetterEntry entry = DeadLetterEntry.of(r);
          if (projection != null && !projection.equals(entry.projection())) {
            continue;
          }
          if (DeadLetterHeaders.KIND_REDRIVEN.equals(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.KIND))) {
            redriven.add(entry.sourceKey());
          } else {
            poison.putIfAbsent(entry.sourceKey(), entry);
          }
        }
      }
    }
    List<DeadLetterEntry> pending = new ArrayList<>();
    poison.forEach((key, entry) -> {
      if (!redriven.contains(key)) {
        pending.add(entry);
      }
    });
    return pending;
  }

  private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tally-dlq-reader");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
