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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the HTTP side learns outcomes: reads every partition of {@code orders.command-results} (read_committed,
 * from the end as of start-up, no group: each instance must see all outcomes, since any of them may hold the
 * waiting request), hands each to its waiters and remembers it for GET. Values are parsed only when someone
 * waits, so idle outcomes cost a map put.
 */
public final class OutcomeFeed extends OutcomeTopicReader {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeFeed.class);
  private final PendingOutcomes pending;
  private final RecentOutcomes recent;
  private final Timer lag;

  private OutcomeFeed(KafkaConsumer<byte[], byte[]> consumer, PendingOutcomes pending, RecentOutcomes recent,
                      MeterRegistry registry) {
    super(consumer, "outcome-feed", "waiting requests will answer 202");
    this.pending = pending;
    this.recent = recent;
    this.lag = Timer.builder("tally_outcome_feed_lag_seconds")
        .description("from the decider writing an outcome to this instance reading it (commit, markers, fetch)")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
  }

  /** Blocks until positioned at the end of every partition: outcomes from then on are all seen. */
  public static OutcomeFeed start(String bootstrap, String topic, PendingOutcomes pending, RecentOutcomes recent,
                                  MeterRegistry registry) {
    Properties p = committedOutcomes(bootstrap, "outcome-feed");
    // A long poll, as the decider's: the commit markers that make outcomes readable complete the waiting fetch at
    // once, so quiet costs the broker a fetch per 100 ms and adds no latency.
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> all = partitions(consumer, topic);
    consumer.assign(all);
    consumer.seekToEnd(all);
    all.forEach(consumer::position);
    OutcomeFeed feed = new OutcomeFeed(consumer, pending, recent, registry);
    feed.start();
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

  @Override
  protected void pollOnce() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      take(record);
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
}
