package io.tally.projection.testkit;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.events.RecordKeys;
import io.tally.events.Topics;
import io.tally.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A test's own events and dead-letter topics (under a prefix nobody else uses, as tally.topic.prefix) and the
 * ways to write them: envelopes as the decider writes them, or raw bytes for poison.
 */
public final class EventLog implements AutoCloseable {
  private final TestKafka kafka;
  private final String prefix;
  private final int partitions;
  private final KafkaProducer<byte[], byte[]> producer;

  public EventLog(TestKafka kafka, int partitions) {
    this.kafka = kafka;
    this.prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    this.partitions = partitions;
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      admin.createTopics(List.of(new NewTopic(events(), partitions, (short) 1), new NewTopic(dlq(), partitions,
          (short) 1))).all().get(60, TimeUnit.SECONDS);
      awaitLeaders(admin);
    } catch (Exception e) {
      throw new IllegalStateException("could not create topics under " + prefix, e);
    }
    Properties p = kafka.producerProperties();
    // One request in flight: on a loaded machine a new partition's leader can refuse the first batch, and the
    // idempotent producer then never recovers the pipelined ones (OUT_OF_ORDER_SEQUENCE_NUMBER, seen here).
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private void awaitLeaders(Admin admin) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      boolean ready;
      try {
        ready = admin.describeTopics(List.of(events(), dlq())).allTopicNames().get(30, TimeUnit.SECONDS)
            .values().stream().allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null
                && !p.leader().isEmpty()));
      } catch (java.util.concurrent.ExecutionException e) {
        // A topic created a moment ago may not be in the broker's metadata yet: that is "not ready", not an error.
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
          throw e;
        }
        ready = false;
      }
      if (ready) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("partitions of " + events() + " have no leader after 60 s");
  }

  public String prefix() { return prefix; }
  public String events() { return prefix + Topics.EVENTS; }
  public String dlq() { return prefix + Topics.EVENTS_DLQ; }
  public int partitions() { return partitions; }
  public String bootstrap() { return kafka.bootstrapServers(); }

  public static ProducerRecord<byte[], byte[]> record(String topic, EventEnvelope e) {
    RecordHeaders headers = new RecordHeaders();
    EventHeaders.of(e).forEach(headers::add);
    return new ProducerRecord<>(topic, null, RecordKeys.bytes(e.tenant(), e.aggregateId()), EnvelopeCodec.toBytes(e),
        headers);
  }

  /** Sends and waits for every acknowledgement. */
  public void append(List<EventEnvelope> envelopes) {
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    for (EventEnvelope e : envelopes) {
      sent.add(producer.send(record(events(), e)));
    }
    waitAll(sent);
  }

  /** A raw record on a chosen partition, for poison. */
  public long appendRaw(int partition, String key, byte[] value, Map<String, String> headers) {
    RecordHeaders h = new RecordHeaders();
    headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
    try {
      return producer.send(new ProducerRecord<>(events(), partition, key == null ? null
          : key.getBytes(StandardCharsets.UTF_8), value, h)).get(30, TimeUnit.SECONDS).offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An envelope on a chosen partition (to put poison and valid events in one partition). */
  public long appendTo(int partition, EventEnvelope e) {
    ProducerRecord<byte[], byte[]> r = record(events(), e);
    try {
      return producer.send(new ProducerRecord<>(r.topic(), partition, r.key(), r.value(), r.headers()))
          .get(30, TimeUnit.SECONDS).offset();
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }

  public Map<Integer, Long> endOffsets() {
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        tps.add(new TopicPartition(events(), p));
      }
      Map<Integer, Long> ends = new TreeMap<>();
      c.endOffsets(tps).forEach((tp, o) -> ends.put(tp.partition(), o));
      return ends;
    }
  }

  /** Every record on the dead-letter topic right now. */
  public List<ConsumerRecord<byte[], byte[]>> deadLetters() {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        tps.add(new TopicPartition(dlq(), p));
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      long deadline = System.currentTimeMillis() + 30_000;
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(all::add);
      }
    }
    return all;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static void waitAll(List<java.util.concurrent.Future<?>> sent) {
    try {
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("append failed", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
