package io.tally.command.decider;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.command.TopicNames;
import io.tally.command.wire.CommandRecords;
import io.tally.command.wire.Outcome;
import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.events.EventIds;
import io.tally.events.RecordKeys;
import io.tally.order.EventEnvelopes;
import io.tally.order.OrderEvent;
import io.tally.order.OrderPaid;
import io.tally.order.OrderPlaced;
import io.tally.order.OrderShipped;
import io.tally.order.OrderLine;
import io.tally.order.ShipOrder;
import io.tally.testsupport.KafkaExtension;
import io.tally.testsupport.TestKafka;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How long a decider takes to rebuild state from 1M events (plus one outcome per command), on the test broker in
 * its own JVM on this machine. Not part of the suite; run with
 * {@code mvn -pl command-side test -Dtest=RebuildBenchmark [-Dbench.events=1000000]}.
 */
@ExtendWith(KafkaExtension.class)
class RebuildBenchmark {
  private static final int PARTITIONS = 6;

  @Test
  void rebuildFromAMillionEvents(TestKafka kafka) throws Exception {
    int orders = (Integer.getInteger("bench.events", 1_000_000) + 2) / 3; // three events each: at least N events
    int events = orders * 3;
    TopicNames topics = new TopicNames("rb" + UUID.randomUUID().toString().substring(0, 6) + ".");
    kafka.broker().createTopics(Map.of(topics.events(), PARTITIONS, topics.results(), PARTITIONS));
    long t0 = System.nanoTime();
    write(kafka, topics, orders);
    double writeSeconds = (System.nanoTime() - t0) / 1e9;

    DeciderClients clients = new DeciderClients(kafka.bootstrapServers(), null, "bench");
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      double rawSeconds = rawRead(clients, topics, 2L * events);
      System.gc();
      long heapBefore = usedHeap();
      StateRebuild.Result r = new StateRebuild(clients.rebuildConsumer(), admin, topics)
          .rebuild(IntStream.range(0, PARTITIONS).boxed().toList());
      System.gc();
      long heapAfter = usedHeap();
      long rebuilt = r.memories().values().stream().mapToLong(m -> m.orders.size()).sum();
      assertThat(r.events()).isEqualTo(events);
      assertThat(r.skipped()).isZero();
      assertThat(rebuilt).isEqualTo(orders);
      String line = String.format("rebuild of %,d events + %,d outcomes (%,d orders, %d partitions): %.1f s = %,.0f"
              + " events/s; memory %,d MiB (%.0f bytes per order); writing them took %.1f s; %s",
          r.events(), r.outcomes(), orders, PARTITIONS, r.nanos() / 1e9, r.events() / (r.nanos() / 1e9),
          (heapAfter - heapBefore) >> 20, (heapAfter - heapBefore) / (double) orders, writeSeconds, Instant.now());
      line += String.format("; a plain read of the same %,d records (no decoding) took %.1f s in the same run"
          + "; load average %s", 2L * events, rawSeconds, Files.readString(Path.of("/proc/loadavg")).trim());
      System.out.println(line);
      Path out = Path.of("target", "benchmarks", "rebuild-" + Instant.now().getEpochSecond() + ".txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, line + "\n");
    }
  }

  /** Reads both topics start to end with the rebuild's consumer settings, counting only: the broker's part. */
  private static double rawRead(DeciderClients clients, TopicNames topics, long expected) {
    long t0 = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.rebuildConsumer())) {
      List<TopicPartition> tps = new java.util.ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        tps.add(new TopicPartition(topics.events(), p));
        tps.add(new TopicPartition(topics.results(), p));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long seen = 0;
      while (seen < expected) {
        seen += consumer.poll(java.time.Duration.ofMillis(200)).count();
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Orders of three events each (placed, paid, shipped), with one outcome per command, like the decider writes. */
  private static void write(TestKafka kafka, TopicNames topics, int orders) {
    Properties p = kafka.producerProperties();
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
    EventIds ids = EventIds.system();
    Clock clock = Clock.systemUTC();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int order = 0; order < orders; order++) {
        String orderId = "bench-" + order;
        String tenant = "tenant-" + (order % 20);
        int partition = Math.floorMod(orderId.hashCode(), PARTITIONS);
        List<OrderEvent> life = List.of(
            new OrderPlaced("cust-" + order, new BigDecimal("42.50"), "EUR", List.of(new OrderLine("sku-1", 2))),
            new OrderPaid(new BigDecimal("42.50"), "EUR", Optional.of("pay-" + order)),
            new OrderShipped(Optional.of("DHL"), Optional.of("trk-" + order)));
        for (int i = 0; i < life.size(); i++) {
          String commandId = orderId + "-" + i;
          ShipOrder command = new ShipOrder(commandId, tenant, orderId, OptionalLong.empty(), Optional.empty(),
              Optional.empty());
          EventEnvelope e = EventEnvelopes.of(command, List.of(life.get(i)), i + 1, ids, clock).get(0);
          ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topics.events(), partition,
              RecordKeys.bytes(tenant, orderId), EnvelopeCodec.toBytes(e));
          EventHeaders.of(e).forEach((name, value) -> record.headers().add(name, value));
          producer.send(record);
          producer.send(CommandRecords.outcome(topics.results(), partition, Outcome.accepted(commandId, tenant,
              orderId, "PlaceOrder", i + 1, List.of(), e.occurredAt(), "0000000000000000")));
        }
      }
      producer.flush();
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
