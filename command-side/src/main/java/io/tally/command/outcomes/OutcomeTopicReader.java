package io.tally.command.outcomes;

import io.tally.command.wire.CommittedReads;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread of its own polling {@code orders.command-results} until closed: the shape both readers of outcomes
 * share. Kafka consumers are single-threaded, so the consumer is touched only on this thread (wakeup aside).
 */
abstract class OutcomeTopicReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeTopicReader.class);
  protected final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final String whenStopped;
  private volatile boolean running = true;

  /** @param whenStopped what a crash of this reader means for callers, for the log */
  OutcomeTopicReader(KafkaConsumer<byte[], byte[]> consumer, String threadName, String whenStopped) {
    this.consumer = consumer;
    this.whenStopped = whenStopped;
    this.thread = new Thread(this::loop, threadName);
  }

  /** Only committed outcomes (an aborted decider transaction never answers anyone). */
  static Properties committedOutcomes(String bootstrap, String clientId) {
    Properties p = CommittedReads.consumer(bootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return p;
  }

  final void start() {
    thread.start();
  }

  /** One poll and what follows it; called until closed. */
  protected abstract void pollOnce();

  private void loop() {
    try {
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      // stopping
    } catch (RuntimeException e) {
      LOG.error("{} stopped; {}", thread.getName(), whenStopped, e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  public boolean isRunning() {
    return thread.isAlive();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
