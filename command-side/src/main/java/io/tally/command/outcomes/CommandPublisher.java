package io.tally.command.outcomes;

import io.tally.command.wire.CommandRecords;
import io.tally.order.OrderCommand;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Appends accepted-for-processing commands to {@code orders.commands}: idempotent producer, acks=all, so a 202
 * means the command is durably in the log. One producer for all event loops (it is thread-safe and batches
 * across them); completions hop back to the caller's event loop.
 */
public final class CommandPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  private CommandPublisher(KafkaProducer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Blocks until the topic's metadata is known, so no later send can block an event loop on it. */
  public static CommandPublisher start(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "command-http");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Two milliseconds of lingering turn a burst of requests into one produce request: far less work for the
    // broker per command, at a latency cost no caller notices next to the decider's transaction.
    p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
    // An event loop must never wait long inside send(): fail fast instead and answer 503.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
    try {
      producer.partitionsFor(topic);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    return new CommandPublisher(producer, topic);
  }

  public Future<RecordMetadata> publish(OrderCommand command) {
    Context context = Vertx.currentContext();
    Promise<RecordMetadata> promise = Promise.promise();
    try {
      producer.send(CommandRecords.of(topic, command), (metadata, error) -> {
        if (context == null) {
          complete(promise, metadata, error);
        } else {
          context.runOnContext(v -> complete(promise, metadata, error));
        }
      });
    } catch (RuntimeException e) {
      promise.fail(e);
    }
    return promise.future();
  }

  private static void complete(Promise<RecordMetadata> promise, RecordMetadata metadata, Exception error) {
    if (error != null) {
      promise.fail(error);
    } else {
      promise.complete(metadata);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
