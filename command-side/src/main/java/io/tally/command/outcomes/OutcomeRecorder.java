package io.tally.command.outcomes;

import io.tally.command.wire.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies first outcomes from {@code orders.command-results} into Postgres for GET. One consumer group across
 * all command-side instances, so each outcome is written once; offsets are committed after the rows, and the
 * insert ignores rows it already has, so a crash between the two only writes a row again, harmlessly.
 */
public final class OutcomeRecorder extends OutcomeTopicReader {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
  private final OutcomeStore store;
  private final int retentionDays;
  private long lastPurge;

  private OutcomeRecorder(KafkaConsumer<byte[], byte[]> consumer, OutcomeStore store, int retentionDays) {
    // Nothing is lost when it stops: offsets are committed only after the rows, so whoever owns these
    // partitions next (a restart of this instance, or another one) records them.
    super(consumer, "outcome-recorder", "GET answers from memory only until restart");
    this.store = store;
    this.retentionDays = retentionDays;
  }

  public static OutcomeRecorder start(String bootstrap, String group, String topic, OutcomeStore store,
                                      int retentionDays) {
    Properties p = committedOutcomes(bootstrap, "outcome-recorder");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    // Nobody waits on this copy (GET first looks in memory), so fetch in large, rare chunks: fewer requests for
    // the broker and bigger inserts for Postgres.
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(256 * 1024));
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(topic));
    OutcomeRecorder recorder = new OutcomeRecorder(consumer, store, retentionDays);
    recorder.start();
    return recorder;
  }

  @Override
  protected void pollOnce() {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
    if (!records.isEmpty()) {
      record(records);
    }
    purgeHourly();
  }

  private void record(ConsumerRecords<byte[], byte[]> records) {
    List<OutcomeStore.NewOutcome> rows = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String commandId = WireHeaders.text(r.headers(), WireHeaders.COMMAND_ID);
      String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
      int slash = key.indexOf('/');
      if (commandId == null || slash < 1 || r.headers().lastHeader(WireHeaders.REPEAT) != null) {
        continue;
      }
      rows.add(new OutcomeStore.NewOutcome(key.substring(0, slash), commandId, key.substring(slash + 1), r.value(),
          r.timestamp()));
    }
    try {
      store.insert(rows).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      consumer.commitSync();
    } catch (Exception e) {
      LOG.warn("could not record {} outcomes ({}); reading them again", rows.size(), e.toString());
      rewind();
      sleep(1000);
    }
  }

  private void rewind() {
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
    for (TopicPartition tp : consumer.assignment()) {
      OffsetAndMetadata offset = committed.get(tp);
      if (offset == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, offset.offset());
      }
    }
  }

  private void purgeHourly() {
    long now = System.currentTimeMillis();
    if (now - lastPurge < TimeUnit.HOURS.toMillis(1)) {
      return;
    }
    lastPurge = now;
    store.purgeOlderThan(retentionDays).onFailure(e -> LOG.warn("purging old outcomes failed: {}", e.toString()));
  }
}
