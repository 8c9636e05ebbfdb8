package io.tally.lake.job;

import io.tally.order.OrderEventReader;
import io.tally.order.ReadOutcome;
import io.tally.testsupport.TestKafka;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The distinct readable event ids in a topic, read with a plain read_committed consumer: the lake's yardstick. */
final class LogContents {
  private LogContents() {}

  static Set<String> eventIds(TestKafka kafka, String topic) {
    Properties p = kafka.consumerProperties();
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Set<String> ids = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (OrderEventReader.read(r.value()) instanceof ReadOutcome.Readable readable) {
            ids.add(readable.envelope().eventId());
          }
        }
      }
    }
    return ids;
  }
}
