package io.tally.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventIds;
import io.tally.events.EventJson;
import io.tally.events.EventSchemas;
import io.tally.events.EventTypes;
import io.tally.events.Limits;
import io.tally.events.UnknownSchemaVersionException;
import io.tally.events.UnparseableEventException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventEnvelopesTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-05T10:00:00.123456Z"), ZoneOffset.UTC);

  static EventIds ids() {
    return new EventIds(CLOCK, new Random(1));
  }

  static Stream<OrderEvent> everyEventType() {
    return Stream.of(
        new OrderPlaced("cust-1", new BigDecimal("10.00"), "EUR", List.of(new OrderLine("SKU", 1))),
        new OrderPlaced("cust-2", new BigDecimal("1200"), "JPY", List.of()),
        new OrderPaid(new BigDecimal("10.00"), "EUR", Optional.of("psp-9")),
        new OrderPaid(new BigDecimal("10.00"), "EUR", Optional.empty()),
        new OrderShipped(Optional.of("DHL"), Optional.of("T-1")),
        new OrderShipped(Optional.empty(), Optional.empty()),
        new OrderCancelled("customer asked"),
        new OrderRefunded(new BigDecimal("4.00"), "EUR", "scratch", new BigDecimal("4.00"), false));
  }

  @Test
  void envelopesCarryTheCommandAndNumberTheEvents() {
    List<OrderEvent> events = List.of(new OrderShipped(Optional.empty(), Optional.empty()),
        new OrderCancelled("x"));

    List<EventEnvelope> envelopes = EventEnvelopes.of(Orders.ship(), events, 3, ids(), CLOCK);

    assertThat(envelopes).extracting(EventEnvelope::sequence).containsExactly(3L, 4L);
    assertThat(envelopes).extracting(EventEnvelope::type).containsExactly("OrderShipped", "OrderCancelled");
    assertThat(envelopes).allSatisfy(envelope -> {
      assertThat(envelope.tenant()).isEqualTo("acme");
      assertThat(envelope.aggregateId()).isEqualTo("o-1");
      assertThat(envelope.commandId()).isEqualTo("c-ship");
      assertThat(envelope.correlationId()).isEqualTo("c-ship");
      assertThat(envelope.occurredAt()).isEqualTo(Instant.parse("2025-05-05T10:00:00.123Z"));
      assertThat(EventIds.isV7(envelope.eventId())).isTrue();
    });
    assertThat(envelopes.get(1).eventId()).isGreaterThan(envelopes.get(0).eventId());
  }

  @Test
  void correlationIdCanComeFromTheFlow() {
    List<EventEnvelope> envelopes = EventEnvelopes.of(Orders.cancel(), List.of(new OrderCancelled("x")), 2,
        ids(), CLOCK, "checkout-77");

    assertThat(envelopes.get(0).correlationId()).isEqualTo("checkout-77");
  }

  @Test
  void sequencesStartAtOne() {
    assertThatThrownBy(() -> EventEnvelopes.of(Orders.place(), List.of(), 0, ids(), CLOCK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @MethodSource("everyEventType")
  void everyEventSurvivesTheLogAndMatchesItsCurrentSchema(OrderEvent event) {
    EventEnvelope envelope = EventEnvelopes.of(Orders.place(), List.of(event), 1, ids(), CLOCK).get(0);

    assertThat(envelope.schemaVersion()).isEqualTo(EventTypes.CURRENT_VERSIONS.get(event.type()));
    assertThat(EventSchemas.validate(envelope.type(), envelope.schemaVersion(), envelope.payload())).isEmpty();
    EventEnvelope back = EnvelopeCodec.fromBytes(EnvelopeCodec.toBytes(envelope));
    assertThat(EventEnvelopes.toEvent(back)).isEqualTo(event);
  }

  @Test
  void eventTypeNamesAreTheRegisteredOnes() {
    assertThat(everyEventType().map(OrderEvent::type).distinct())
        .containsExactlyInAnyOrderElementsOf(EventTypes.CURRENT_VERSIONS.keySet());
  }

  @Test
  void historicalEnvelopesAreUpcastBeforeMapping() {
    EventEnvelope v1 = new EventEnvelope("01941f29-7c00-7abc-8def-0123456789ab", "acme", "o-1", 1,
        "OrderPlaced", 1, Instant.EPOCH, "c", "c",
        EventJson.object().put("customerId", "cust").put("amount", "5.00"));

    assertThat(EventEnvelopes.toEvent(v1))
        .isEqualTo(new OrderPlaced("cust", new BigDecimal("5.00"), "EUR", List.of()));
    assertThatThrownBy(() -> EventEnvelopes.toEvent(v1.withSchema(9, v1.payload())))
        .isInstanceOf(UnknownSchemaVersionException.class);
    assertThatThrownBy(() -> EventEnvelopes.toEvent(v1.withSchema(2, EventJson.object())))
        .isInstanceOfSatisfying(UnparseableEventException.class,
            e -> assertThat(e.field()).contains("payload.customerId"));
  }

  /** Every text at its limit, in 4-byte UTF-8 characters: the worst case the limits allow. */
  @Test
  void theLargestCommandTheParserAcceptsStillFitsInOneEvent() {
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < Limits.ITEMS_MAX; i++) {
      lines.add(new OrderLine("\uD83D\uDCE6".repeat(Limits.SKU_MAX - 3) + String.format("%03d", i),
          Limits.QUANTITY_MAX));
    }
    PlaceOrder biggest = new PlaceOrder("c".repeat(64), "a".repeat(40), "o".repeat(64), OptionalLong.of(0),
        "\uD83D\uDCE6".repeat(Limits.CUSTOMER_ID_MAX), Limits.MAX_AMOUNT, "EUR", lines);
    OrderEvent placed = ((Decision.Accepted) OrderLifecycle.decide(OrderState.NONE, biggest)).events().get(0);

    EventEnvelope envelope = EventEnvelopes.of(biggest, List.of(placed), 1, ids(), CLOCK).get(0);

    assertThat(EnvelopeCodec.toBytes(envelope).length).isLessThanOrEqualTo(Limits.MAX_EVENT_BYTES);
  }
}
