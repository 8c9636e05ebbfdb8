package io.tally.command.outcomes;

import io.tally.command.wire.Outcome;
import io.tally.command.wire.OutcomeCodec;
import io.tally.command.wire.WireHeaders;
import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the HTTP side learns outcomes: reads every partition of {@code orders.command-results} (read_committed,
 * from the end as of start-up, no group: each instance must see all outcomes, since any of them may hold the
 * waiting request), hands each to its waiters and remembers it for GET. Values are parsed only when someone
 * waits, so idle outcomes cost a map put.
 */
public final class OutcomeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeFeed.class);
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final PendingOutcomes pending;
  private final RecentOutcomes recent;
  private final Timer lag;
  private final Thread thread;
  private volatile boolean running = true;

  private OutcomeFeed(KafkaConsumer<byte[], byte[]> consumer, PendingOutcomes pending, RecentOutcomes recent,
                      MeterRegistry registry) {
    this.consumer = consumer;
    this.pending = pending;
    this.recent = recent;
    this.lag = Timer.builder("tally_outcome_feed_lag_seconds")
        .description("from the decider writing an outcome to this instance reading it (commit, markers, fetch)")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    this.thread = new Thread(this::loop, "outcome-feed");
  }

  /** Blocks until positioned at the end of every partition: outcomes from then on are all seen. */
  public static OutcomeFeed start(String bootstrap, String topic, PendingOutcomes pending, RecentOutcomes recent,
                                  MeterRegistry registry) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "outcome-feed");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Under load, wait for a few KiB of outcomes rather than fetching each one alone (the broker's work is per
    // request); when quiet, answer within 5 ms.
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(8 * 1024));
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> all = partitions(consumer, topic);
    consumer.assign(all);
    consumer.seekToEnd(all);
    all.forEach(consumer::position);
    OutcomeFeed feed = new OutcomeFeed(consumer, pending, recent, registry);
    feed.thread.start();
    return feed;
  }

  /** Every partition of the topic; a feed that silently assigned none would never answer anyone. */
  private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      var infos = consumer.partitionsFor(topic);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      }
      if (System.nanoTime() > deadline) {
        consumer.close();
        throw new IllegalStateException("topic " + topic + " has no partitions visible after 60 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          take(record);
        }
      }
    } catch (WakeupException e) {
      // stopping
    } catch (RuntimeException e) {
      LOG.error("outcome feed stopped; waiting requests will answer 202", e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void take(ConsumerRecord<byte[], byte[]> record) {
    lag.record(Math.max(0, System.currentTimeMillis() - record.timestamp()), TimeUnit.MILLISECONDS);
    String commandId = WireHeaders.text(record.headers(), WireHeaders.COMMAND_ID);
    if (commandId == null || record.key() == null) {
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    int slash = key.indexOf('/');
    if (slash < 1) {
      return;
    }
    String waitKey = Outcome.key(key.substring(0, slash), commandId);
    recent.remember(waitKey, record.value(), record.headers().lastHeader(WireHeaders.REPEAT) != null);
    if (pending.isWaiting(waitKey)) {
      try {
        pending.deliver(waitKey, OutcomeCodec.fromBytes(record.value()));
      } catch (RuntimeException e) {
        LOG.warn("unreadable outcome at {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
      }
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
}
