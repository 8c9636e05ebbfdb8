package io.tally.projection.audit;

import io.tally.projection.runtime.DecodedRecord;
import io.tally.projection.runtime.RecordDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The log side of an audit: reads the events topic (read_committed) from its start up to the end it had when
 * the audit began, decoding every record exactly as the projections do. Each pass reads the same range.
 */
final class LogScan {
  private final String bootstrap;
  private final String topic;
  private Map<Integer, Long> end;

  LogScan(String bootstrap, String topic) {
    this.bootstrap = bootstrap;
    this.topic = topic;
  }

  /** Fixes the range every pass reads: from the start to the log's current last stable offsets. */
  Map<Integer, Long> snapshotEnd() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      Map<Integer, Long> ends = new TreeMap<>();
      consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((tp, o) -> ends.put(tp.partition(), o));
      end = ends;
      return ends;
    }
  }

  void forEach(Consumer<DecodedRecord> visitor) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long idleSince = System.nanoTime();
      while (!reachedEnd(consumer, partitions)) {
        boolean any = false;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < end.getOrDefault(r.partition(), 0L)) {
            visitor.accept(RecordDecoder.decode(r));
          }
          any = true;
        }
        if (any) {
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince > Duration.ofSeconds(60).toNanos()) {
          throw new IllegalStateException("no records from " + topic + " for 60 s before reaching its end");
        }
      }
    }
  }

  private boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < end.getOrDefault(tp.partition(), 0L)) {
        return false;
      }
    }
    return true;
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tally-auditor");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
