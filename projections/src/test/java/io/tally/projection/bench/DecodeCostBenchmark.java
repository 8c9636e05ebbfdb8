package io.tally.projection.bench;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.events.RecordKeys;
import io.tally.projection.runtime.DecodedRecord;
import io.tally.projection.runtime.RecordDecoder;
import io.tally.projection.testkit.OrderFlows;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** CPU time per record of decoding (parse, validate, upcast, map), measured on this thread only. */
class DecodeCostBenchmark {
  @Test
  void decodeCost() {
    OrderFlows flows = new OrderFlows(1);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    List<EventEnvelope> events = flows.mixed(List.of("acme", "globex"), 70_000, "o-", Instant.now());
    long offset = 0;
    for (EventEnvelope e : events) {
      ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("t", 0, offset++, RecordKeys.bytes(e.tenant(),
          e.aggregateId()), EnvelopeCodec.toBytes(e));
      EventHeaders.of(e).forEach(r.headers()::add);
      records.add(r);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 4; round++) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      long valid = 0;
      for (ConsumerRecord<byte[], byte[]> r : records) {
        if (RecordDecoder.decode(r) instanceof DecodedRecord.Valid) {
          valid++;
        }
      }
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      System.out.printf("BENCH decode: %d records, %.2f us CPU each (%d valid)%n", records.size(),
          cpu / 1000.0 / records.size(), valid);
    }
    for (int round = 0; round < 3; round++) {
      long t0 = mx.getCurrentThreadCpuTime();
      List<EventEnvelope> parsed = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        parsed.add(EnvelopeCodec.fromBytes(r.value()));
      }
      long t1 = mx.getCurrentThreadCpuTime();
      for (EventEnvelope e : parsed) {
        io.tally.events.EventSchemas.check(e.type(), e.schemaVersion(), e.payload());
      }
      long t2 = mx.getCurrentThreadCpuTime();
      for (EventEnvelope e : parsed) {
        io.tally.order.OrderEventPayloads.fromPayload(e.type(), io.tally.events.UpcasterChain.standard().upcast(e).payload());
      }
      long t3 = mx.getCurrentThreadCpuTime();
      int n = records.size();
      System.out.printf("BENCH phases: parse %.2f us, validate %.2f us, upcast+map %.2f us%n",
          (t1 - t0) / 1000.0 / n, (t2 - t1) / 1000.0 / n, (t3 - t2) / 1000.0 / n);
    }
  }
}
