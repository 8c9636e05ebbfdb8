package io.tally.lake.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the log begins and where its committed part ends, per partition. The end is the last stable offset of a
 * read_committed consumer: records of transactions still open stay for the next run, so a run never waits on
 * one and never reads past one.
 */
record LogPositions(KafkaOffsets beginning, KafkaOffsets end) {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static LogPositions read(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrap);
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      return new LogPositions(offsets(topic, consumer.beginningOffsets(partitions, TIMEOUT)),
          offsets(topic, consumer.endOffsets(partitions, TIMEOUT)));
    }
  }

  /**
   * What to read after the lake's last commit: from there (a partition it never saw: from the beginning) up to
   * the committed end. A lake position before the log's beginning means retention deleted records the lake never
   * read; they cannot be had any more, so reading resumes at the beginning and the caller reports the gap.
   */
  KafkaOffsets startAfter(KafkaOffsets committed) {
    Map<Integer, Long> start = new HashMap<>();
    for (var e : end.next().entrySet()) {
      int p = e.getKey();
      long first = beginning.of(p, 0L);
      long from = Math.max(committed.of(p, first), first);
      if (from > e.getValue()) {
        throw new IllegalStateException("the lake has read " + end.topic() + " partition " + p + " up to offset "
            + from + " but the log ends at " + e.getValue() + ": was the topic deleted and created again?"
            + " Rebuild the lake (drop its tables) to read the new log from the start.");
      }
      start.put(p, from);
    }
    return new KafkaOffsets(end.topic(), new TreeMap<>(start));
  }

  /** Records retention removed before the lake read them (see {@link #startAfter}). */
  long lostToRetention(KafkaOffsets committed) {
    long lost = 0;
    for (var e : committed.next().entrySet()) {
      lost += Math.max(0, beginning.of(e.getKey(), 0L) - e.getValue());
    }
    return lost;
  }

  private static KafkaOffsets offsets(String topic, Map<TopicPartition, Long> byPartition) {
    TreeMap<Integer, Long> next = new TreeMap<>();
    byPartition.forEach((tp, offset) -> next.put(tp.partition(), offset));
    return new KafkaOffsets(topic, next);
  }
}
