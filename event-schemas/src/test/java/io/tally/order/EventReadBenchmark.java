package io.tally.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventIds;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPU per event of the read path every consumer runs (decode, schema check, upcast, map), on this thread only.
 * {@code mvn -pl event-schemas test -Dtest=EventReadBenchmark}; figures in docs/benchmarks.md.
 */
class EventReadBenchmark {

  @Test
  void readCost() {
    List<byte[]> values = new ArrayList<>();
    Instant at = Instant.parse("2026-11-01T10:00:00.123Z");
    EventIds ids = EventIds.system();
    for (int i = 0; i < 50_000; i++) {
      for (OrderEvent event : List.of(
          new OrderPlaced("c-" + i, new java.math.BigDecimal("120.50"), "EUR",
              List.of(new OrderLine("sku-1", 2), new OrderLine("sku-2", 1))),
          new OrderPaid(new java.math.BigDecimal("120.50"), "EUR", java.util.Optional.of("pay-" + i)),
          new OrderShipped(java.util.Optional.of("dhl"), java.util.Optional.of("trk-" + i)))) {
        String type = event.getClass().getSimpleName();
        values.add(EnvelopeCodec.toBytes(new EventEnvelope(ids.next(), "tenant-" + (i % 5), "o-" + i, 1,
            type, io.tally.events.EventSchemas.currentVersion(type).getAsInt(), at, "cmd-" + i, "corr-" + i,
            OrderEventPayloads.toPayload(event))));
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 8; round++) {
      long cpu = threads.getCurrentThreadCpuTime();
      int readable = 0;
      for (byte[] value : values) {
        readable += OrderEventReader.read(value) instanceof ReadOutcome.Readable ? 1 : 0;
      }
      double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / values.size();
      best = Math.min(best, micros);
      assertThat(readable).isEqualTo(values.size());
      System.out.printf("BENCH read: %d events, %.2f us CPU each%n", values.size(), micros);
    }
    System.out.printf("BENCH read best: %.2f us CPU per event%n", best);
  }
}
