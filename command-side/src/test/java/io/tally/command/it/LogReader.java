package io.tally.command.it;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from start to end the way a projection would (read_committed), for counting in tests. */
public final class LogReader {
  private LogReader() {}

  public static List<ConsumerRecord<byte[], byte[]>> readAll(TestKafka kafka, String topic) {
    Properties p = kafka.consumerProperties();
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
      List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
      }
      return all;
    }
  }

  public static List<EventEnvelope> events(TestKafka kafka, String topic) {
    List<EventEnvelope> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, topic)) {
      events.add(EnvelopeCodec.fromBytes(r.value()));
    }
    return events;
  }

  /** Sum of the end offsets: grows by one with every record appended (and every transaction marker). */
  public static long endOffsetSum(TestKafka kafka, String topic) {
    Properties p = kafka.consumerProperties();
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      return consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public static Map<String, List<EventEnvelope>> byOrder(List<EventEnvelope> events) {
    Map<String, List<EventEnvelope>> orders = new HashMap<>();
    events.forEach(e -> orders.computeIfAbsent(e.tenant() + "/" + e.aggregateId(), k -> new ArrayList<>()).add(e));
    return orders;
  }
}
