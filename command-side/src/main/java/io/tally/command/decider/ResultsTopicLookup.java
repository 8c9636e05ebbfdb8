package io.tally.command.decider;

import io.tally.command.wire.Outcome;
import io.tally.command.wire.OutcomeCodec;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one outcome record by offset. Repeats are rare (client retries), so a seek and a fetch per repeat is
 * cheaper than holding every outcome in memory; the index holds only offsets.
 */
final class ResultsTopicLookup implements FirstOutcomeLookup, AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;

  ResultsTopicLookup(Properties consumerProps, String topic) {
    this.consumer = new KafkaConsumer<>(consumerProps);
    this.topic = topic;
  }

  @Override
  public Outcome find(int partition, long offset) {
    TopicPartition tp = new TopicPartition(topic, partition);
    consumer.assign(List.of(tp));
    consumer.seek(tp, offset);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100)).records(tp)) {
          if (record.offset() == offset) {
            return OutcomeCodec.fromBytes(record.value());
          }
          if (record.offset() > offset) {
            return null; // compacted away
          }
        }
      }
    } catch (OffsetOutOfRangeException e) {
      return null; // deleted by retention: the idempotency window is the results topic's retention
    }
    // Never guess "new command" when the first answer is merely slow to read: that could decide it twice.
    throw new IllegalStateException("outcome at " + tp + "@" + offset + " not readable within " + PATIENCE);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
