package io.tally.lake.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.events.EventJson;
import io.tally.events.RecordKeys;
import io.tally.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a test's log the way the decider does (transactions, keys tenant/orderId, the three headers), plus what
 * a lake must survive: aborted transactions, at-least-once duplicates and poison.
 */
final class OrderLogWriter {
  private final TestKafka kafka;
  private final String topic;

  OrderLogWriter(TestKafka kafka, String topic) {
    this.kafka = kafka;
    this.topic = topic;
  }

  /** In committed transactions of up to 100 events; returns once a read_committed reader sees them all. */
  void committed(List<EventEnvelope> events) {
    Map<Integer, Long> last = new HashMap<>();
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props(kafka.transactionalProducerProperties()))) {
      p.initTransactions();
      for (int from = 0; from < events.size(); from += 100) {
        p.beginTransaction();
        List<Future<RecordMetadata>> sent = events.subList(from, Math.min(events.size(), from + 100)).stream()
            .map(e -> p.send(record(e))).toList();
        p.commitTransaction();
        for (Future<RecordMetadata> f : sent) {
          RecordMetadata m = f.get();
          last.merge(m.partition(), m.offset(), Math::max);
        }
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
    awaitCommittedEnd(last);
  }

  /**
   * The commit returns before the broker has written its markers, and until then the committed end (the last
   * stable offset) stays before the transaction: a run started at once could find nothing new.
   */
  private void awaitCommittedEnd(Map<Integer, Long> lastOffsets) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      KafkaOffsets end = LogPositions.read(kafka.bootstrapServers(), topic).end();
      if (lastOffsets.entrySet().stream().allMatch(e -> end.of(e.getKey(), 0L) > e.getValue())) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("committed records of " + topic + " not readable after 30 s: " + end.toJson());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** In one transaction that is aborted: read_committed readers never see these. */
  void aborted(List<EventEnvelope> events) {
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props(kafka.transactionalProducerProperties()))) {
      p.initTransactions();
      p.beginTransaction();
      events.forEach(e -> p.send(record(e)));
      p.flush();
      p.abortTransaction();
    }
  }

  /** Without a transaction, as an at-least-once producer retrying would write them (again). */
  void plain(List<EventEnvelope> events) {
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props(kafka.producerProperties()))) {
      for (EventEnvelope e : events) {
        p.send(record(e)).get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Three records no reader can use: not JSON, an unknown version, a payload its schema rejects. */
  void poison(String tenant, EventEnvelope valid) {
    ObjectNode unknown = json(valid);
    unknown.put("schemaVersion", 9);
    ObjectNode invalid = json(valid);
    ((ObjectNode) invalid.get("payload")).put("amount", "twelve");
    plainValues(tenant, List.of("this is not json".getBytes(StandardCharsets.UTF_8), EventJson.write(unknown),
        EventJson.write(invalid)));
  }

  private void plainValues(String tenant, List<byte[]> values) {
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props(kafka.producerProperties()))) {
      for (byte[] v : values) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, tenant + "/poison", v);
        r.headers().add(EventHeaders.TENANT, EventHeaders.text(tenant));
        p.send(r).get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode json(EventEnvelope e) {
    try {
      return (ObjectNode) EventJson.read(EnvelopeCodec.toBytes(e));
    } catch (java.io.IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private ProducerRecord<String, byte[]> record(EventEnvelope e) {
    ProducerRecord<String, byte[]> r =
        new ProducerRecord<>(topic, RecordKeys.of(e.tenant(), e.aggregateId()), EnvelopeCodec.toBytes(e));
    for (Map.Entry<String, byte[]> h : EventHeaders.of(e).entrySet()) {
      r.headers().add(h.getKey(), h.getValue());
    }
    return r;
  }

  private static Properties props(Properties base) {
    base.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return base;
  }
}
