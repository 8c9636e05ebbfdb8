package io.tally.command.load;

import io.tally.events.EventHeaders;
import io.tally.events.EventIds;
import io.tally.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes malformed records straight to {@code orders.events}, bypassing the command side, so the projections'
 * dead-letter path can be watched working: each kind of poison a consumer must recognise (and the decider's
 * rebuild must skip) appears in turn. Keys point at orders of their own, so no real order is disturbed.
 */
final class PoisonWriter {
  private static final EventIds IDS = EventIds.system();

  /** The kinds of poison, in the order they are written: not JSON, not an object, bad envelope, bad payload... */
  static final List<IntFunction<byte[]>> KINDS = List.of(
      n -> "this is not json {".getBytes(StandardCharsets.UTF_8),
      n -> "[1,2,3]".getBytes(StandardCharsets.UTF_8),
      n -> envelope(n, "OrderPlaced", 2, "{\"customerId\":\"c\",\"amount\":\"1.00\",\"currency\":\"EUR\"}")
          .replace("\"sequence\":1", "\"sequence\":\"one\"").getBytes(StandardCharsets.UTF_8),
      n -> envelope(n, "OrderPlaced", 99, "{\"customerId\":\"c\"}").getBytes(StandardCharsets.UTF_8),
      n -> envelope(n, "OrderPlaced", 2, "{\"customerId\":\"c\",\"amount\":\"abc\",\"currency\":\"EUR\"}")
          .getBytes(StandardCharsets.UTF_8),
      n -> envelope(n, "OrderTeleported", 1, "{}").getBytes(StandardCharsets.UTF_8),
      n -> new byte[0]);

  private PoisonWriter() {}

  static void write(LoadOptions o) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    String topic = o.topicPrefix() + Topics.EVENTS;
    String tenant = o.tenantPrefix() + "-1";
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int n = 0; n < o.poison(); n++) {
        int kind = n % KINDS.size();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
            (tenant + "/poison-" + n).getBytes(StandardCharsets.UTF_8), KINDS.get(kind).apply(n));
        record.headers().add(EventHeaders.TENANT, EventHeaders.text(tenant))
            .add(EventHeaders.TYPE, EventHeaders.text(kind == 5 ? "OrderTeleported" : "OrderPlaced"))
            .add(EventHeaders.SCHEMA_VERSION, EventHeaders.version(kind == 3 ? 99 : 2));
        producer.send(record);
      }
      producer.flush();
      producer.close(Duration.ofSeconds(10));
    }
    System.out.printf("wrote %d poison records (%d kinds) to %s%n", o.poison(), KINDS.size(), topic);
  }

  private static String envelope(int n, String type, int version, String payload) {
    return "{\"eventId\":\"" + IDS.next() + "\",\"tenant\":\"poison\",\"aggregateId\":\"poison-" + n + "\","
        + "\"sequence\":1,\"type\":\"" + type + "\",\"schemaVersion\":" + version + ",\"occurredAt\":\""
        + Instant.now() + "\",\"commandId\":\"poison-" + n + "\",\"correlationId\":\"poison-" + n + "\","
        + "\"payload\":" + payload + "}";
  }
}
