package io.tally.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads a topic from the start until a record satisfies the stop condition or time runs out. */
final class Consume {
  private Consume() {}

  /** Every record read until one has the value stopAt (inclusive); fails if it never comes. */
  static List<ConsumerRecord<String, String>> until(Properties consumer, String topic, String stopAt) {
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer)) {
      c.subscribe(List.of(topic));
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          seen.add(r);
          if (stopAt.equals(r.value())) {
            return seen;
          }
        }
      }
    }
    throw new AssertionError("no record with value " + stopAt + " on " + topic + " within 30 s; saw " + seen);
  }

  static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }
}
