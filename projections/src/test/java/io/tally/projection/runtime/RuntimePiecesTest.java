package io.tally.projection.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.order.OrderEventPayloads;
import io.tally.order.OrderPlaced;
import io.tally.order.ReadOutcome;
import io.tally.projection.testkit.OrderFlows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The runtime's pure parts: classifying records, what a retried batch still has to write, backoff. */
class RuntimePiecesTest {
  private final OrderFlows flows = new OrderFlows(3);

  @Test
  void aValidRecordDecodesAndAMisroutedOneIsPoison() {
    EventEnvelope e = flows.envelopes("acme", "o-1", List.of(new OrderPlaced("c", BigDecimal.ONE, "EUR", List.of())),
        Instant.now()).get(0);
    assertThat(RecordDecoder.decode(record("acme/o-1", EnvelopeCodec.toBytes(e), "acme", 7)))
        .isInstanceOfSatisfying(DecodedRecord.Valid.class, v -> {
          assertThat(v.event().offset()).isEqualTo(7);
          assertThat(v.event().orderId()).isEqualTo("o-1");
        });
    assertThat(RecordDecoder.decode(record("acme/o-2", EnvelopeCodec.toBytes(e), "acme", 8)))
        .isInstanceOfSatisfying(DecodedRecord.Poison.class, p -> {
          assertThat(p.reason()).isEqualTo(ReadOutcome.Reason.SCHEMA_INVALID);
          assertThat(p.detail()).contains("acme/o-2");
        });
    assertThat(RecordDecoder.decode(record("acme/o-1", "[]".getBytes(StandardCharsets.UTF_8), "acme", 9)))
        .isInstanceOfSatisfying(DecodedRecord.Poison.class, p -> {
          assertThat(p.reason()).isEqualTo(ReadOutcome.Reason.UNPARSEABLE);
          assertThat(p.errorClass()).endsWith("UnparseableEventException");
        });
  }

  @Test
  void aRetriedBatchWritesOnlyWhatTheStoreLacks() {
    List<DecodedRecord> records = List.of(valid(0, 10), valid(0, 11), valid(1, 5), valid(1, 6));
    BatchInProgress batch = new BatchInProgress(records, 0);
    assertThat(batch.batch.nextOffsets()).isEqualTo(Map.of(0, 12L, 1, 7L));

    BatchInProgress rest = batch.remainderAfter(Map.of(0, 11L, 1, 5L), Map.of(0, 10L, 1, 5L)).orElseThrow();
    assertThat(rest.records).extracting(DecodedRecord::offset).containsExactly(11L, 5L, 6L);
    assertThat(batch.remainderAfter(Map.of(0, 12L, 1, 7L), Map.of(0, 10L, 1, 5L)).orElseThrow().batch.isEmpty())
        .as("the store has it all: nothing to write").isTrue();
    assertThat(batch.remainderAfter(Map.of(0, 9L, 1, 5L), Map.of(0, 10L, 1, 5L)))
        .as("store behind what it acknowledged: only a reload is safe").isEmpty();
  }

  @Test
  void validEventsTakeTheFormTheSinkHoldsAndPoisonStaysAsItIs() {
    List<DecodedRecord> decoded = new ArrayList<>();
    for (int i = 0; i < 1500; i++) { // above the size that goes parallel
      decoded.add(i % 100 == 0 ? RecordDecoder.decode(record("acme/o-x", "[]".getBytes(StandardCharsets.UTF_8),
          "acme", i)) : valid(i % 3, i));
    }
    List<DecodedRecord> held = RecordDecoder.held(decoded, e -> e.asRow(new byte[] {(byte) e.offset()}));

    assertThat(held).hasSameSizeAs(decoded);
    for (int i = 0; i < decoded.size(); i++) {
      DecodedRecord before = decoded.get(i);
      DecodedRecord after = held.get(i);
      assertThat(after.offset()).isEqualTo(before.offset());
      assertThat(after.timestampMs()).isEqualTo(before.timestampMs());
      if (before instanceof DecodedRecord.Poison) {
        assertThat(after).isSameAs(before);
      } else {
        ProjectedEvent e = ((DecodedRecord.Valid) after).event();
        assertThat(e.row()).containsExactly((byte) before.offset());
        assertThat(e.event()).isNull();
        assertThat(e.envelope().payload().isEmpty()).isTrue();
        assertThat(e.envelope().eventId()).isEqualTo(((DecodedRecord.Valid) before).event().envelope().eventId());
      }
    }
    assertThat(RecordDecoder.held(decoded, e -> e)).as("the default form changes nothing").isEqualTo(decoded);
  }

  @Test
  void endToEndLatencyRecordsEveryEventOfASmallBatchAndAnEvenSampleOfALargeOne() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProjectionMetrics metrics = new ProjectionMetrics(registry, "p",
        () -> ProjectionStatus.starting("p", "t", new BatchPolicy(10, Duration.ofMillis(1))));
    List<DecodedRecord> small = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      small.add(valid(0, i));
    }
    metrics.batchApplied(new BatchInProgress(small, System.nanoTime()), System.currentTimeMillis());
    assertThat(metrics.endToEnd().count()).isEqualTo(300);

    List<DecodedRecord> large = new ArrayList<>();
    for (int i = 0; i < 5 * ProjectionMetrics.LATENCY_SAMPLES; i++) {
      large.add(valid(1, i));
    }
    metrics.batchApplied(new BatchInProgress(large, System.nanoTime()), System.currentTimeMillis());
    assertThat(metrics.endToEnd().count()).isEqualTo(300 + ProjectionMetrics.LATENCY_SAMPLES);
    assertThat(registry.get("tally_projection_events_total").tag("outcome", "applied").counter().count())
        .as("the events counter still counts every event").isEqualTo(300 + 5 * ProjectionMetrics.LATENCY_SAMPLES);
  }

  @Test
  void backoffDoublesUpToItsCapWithJitter() {
    Backoff backoff = new Backoff(100, 1000);
    long first = backoff.nextDelayMs();
    long second = backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    long capped = backoff.nextDelayMs();
    assertThat(first).isBetween(80L, 120L);
    assertThat(second).isBetween(160L, 240L);
    assertThat(capped).isBetween(800L, 1000L);
    assertThat(backoff.attempts()).isEqualTo(5);
    backoff.reset();
    assertThat(backoff.nextDelayMs()).isBetween(80L, 120L);
  }

  private DecodedRecord valid(int partition, long offset) {
    EventEnvelope e = flows.envelopes("acme", "o-" + partition + "-" + offset,
        List.of(new OrderPlaced("c", BigDecimal.ONE, "EUR", List.of())), Instant.now()).get(0);
    return new DecodedRecord.Valid(new ProjectedEvent(e, OrderEventPayloads.fromPayload(e.type(), e.payload()),
        partition, offset), 0);
  }

  private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value, String tenant, long offset) {
    ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("orders.events", 0, offset,
        key.getBytes(StandardCharsets.UTF_8), value);
    r.headers().add(EventHeaders.TENANT, tenant.getBytes(StandardCharsets.UTF_8));
    return r;
  }
}
