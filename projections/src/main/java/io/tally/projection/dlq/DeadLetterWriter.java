package io.tally.projection.dlq;

import io.tally.projection.runtime.DecodedRecord;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies poison records to the dead-letter topic. A copy is acknowledged (acks=all) before the sink records the
 * poison's offset as done, so a poison record is never lost; a crash between the two only repeats the copy, and
 * listings fold repeats by their source coordinates.
 */
public final class DeadLetterWriter implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String dlqTopic;
  private final String projection;
  private final Clock clock;

  public DeadLetterWriter(String bootstrap, String dlqTopic, String projection, Clock clock) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // A DLQ that cannot be reached is a store outage, not a reason to wait a minute per record.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "tally-projection-" + projection + "-dlq");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.dlqTopic = dlqTopic;
    this.projection = projection;
    this.clock = clock;
  }

  /** Completes when every copy is acknowledged; fails if any could not be written (the caller retries all). */
  public CompletableFuture<Void> send(List<DecodedRecord.Poison> poison) {
    if (poison.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger pending = new AtomicInteger(poison.size());
    for (DecodedRecord.Poison p : poison) {
      try {
        producer.send(copyOf(p), (metadata, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else if (pending.decrementAndGet() == 0) {
            done.complete(null);
          }
        });
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
        break;
      }
    }
    return done;
  }

  private ProducerRecord<byte[], byte[]> copyOf(DecodedRecord.Poison p) {
    RecordHeaders headers = new RecordHeaders(p.raw().headers().toArray());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.KIND, DeadLetterHeaders.KIND_POISON);
    DeadLetterHeaders.put(headers, DeadLetterHeaders.REASON, p.reason().code());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.ERROR_CLASS, p.errorClass());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.DETAIL, DeadLetterHeaders.cut(p.detail()));
    DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_TOPIC, p.raw().topic());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(p.partition()));
    DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(p.offset()));
    DeadLetterHeaders.put(headers, DeadLetterHeaders.PROJECTION, projection);
    DeadLetterHeaders.put(headers, DeadLetterHeaders.TIME, clock.instant().toString());
    return new ProducerRecord<>(dlqTopic, null, p.raw().key(), p.raw().value(), headers);
  }

  /** Writes the marker that retires a dead letter after it was applied by a redrive. */
  public CompletableFuture<Void> markRedriven(DeadLetterEntry entry) {
    RecordHeaders headers = new RecordHeaders();
    DeadLetterHeaders.put(headers, DeadLetterHeaders.KIND, DeadLetterHeaders.KIND_REDRIVEN);
    DeadLetterHeaders.put(headers, DeadLetterHeaders.PROJECTION, entry.projection());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_TOPIC, entry.sourceTopic());
    DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(entry.sourcePartition()));
    DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(entry.sourceOffset()));
    DeadLetterHeaders.put(headers, DeadLetterHeaders.TIME, clock.instant().toString());
    CompletableFuture<Void> done = new CompletableFuture<>();
    producer.send(new ProducerRecord<>(dlqTopic, null, entry.key(), null, headers), (m, e) -> {
      if (e != null) {
        done.completeExceptionally(e);
      } else {
        done.complete(null);
      }
    });
    return done;
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
