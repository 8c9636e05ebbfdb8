package io.tally.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEventReaderTest {

  static EventEnvelope placedV1() {
    return new EventEnvelope("01941f29-7c00-7abc-8def-0123456789ab", "acme", "o-1", 1, "OrderPlaced", 1,
        Instant.parse("2024-06-01T08:00:00Z"), "c-1", "c-1",
        EventJson.object().put("customerId", "cust").put("amount", "7.50"));
  }

  static ReadOutcome.Poison poison(ReadOutcome outcome) {
    assertThat(outcome).isInstanceOf(ReadOutcome.Poison.class);
    return (ReadOutcome.Poison) outcome;
  }

  @Test
  void readableEventsArriveUpcastAndMapped() {
    ReadOutcome outcome = OrderEventReader.read(EnvelopeCodec.toBytes(placedV1()));

    assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Readable.class, readable -> {
      assertThat(readable.envelope().schemaVersion()).isEqualTo(2);
      assertThat(readable.event()).isEqualTo(new OrderPlaced("cust", new BigDecimal("7.50"), "EUR", List.of()));
    });
  }

  @Test
  void garbageIsUnparseable() {
    ReadOutcome.Poison poison = poison(OrderEventReader.read("{oops".getBytes(StandardCharsets.UTF_8)));

    assertThat(poison.reason().code()).isEqualTo("unparseable");
  }

  @Test
  void aVersionFromTheFutureIsUnknownNotInvalid() {
    ReadOutcome.Poison poison = poison(OrderEventReader.read(placedV1().withSchema(3, placedV1().payload())));

    assertThat(poison.reason().code()).isEqualTo("unknown-version");
    assertThat(poison.detail()).contains("OrderPlaced v3");
  }

  @Test
  void aPayloadBreakingTheSchemaOfItsOwnVersionIsSchemaInvalid() {
    EventEnvelope bad = placedV1().withSchema(1, placedV1().payload().put("amount", "seven"));

    ReadOutcome.Poison poison = poison(OrderEventReader.read(bad));

    assertThat(poison.reason().code()).isEqualTo("schema-invalid");
    assertThat(poison.detail()).contains("amount");
  }
}
