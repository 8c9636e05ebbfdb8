package io.tally.order;

import io.tally.events.EventEnvelope;
import io.tally.events.EventIds;
import io.tally.events.UpcasterChain;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Between accepted events and the envelopes on {@code orders.events}, both ways. */
public final class EventEnvelopes {

  private EventEnvelopes() {}

  /** Envelopes for a command's events; the correlation id is the command id (the command starts the flow). */
  public static List<EventEnvelope> of(
      OrderCommand command, List<OrderEvent> events, long startSequence, EventIds ids, Clock clock) {
    return of(command, events, startSequence, ids, clock, command.commandId());
  }

  /**
   * Envelopes numbered {@code startSequence, startSequence+1, ...} (pass {@code state.version() + 1}). All events
   * of one command share one instant, truncated to milliseconds: the precision of a UUIDv7 and of every store.
   */
  public static List<EventEnvelope> of(OrderCommand command, List<OrderEvent> events, long startSequence,
      EventIds ids, Clock clock, String correlationId) {
    if (startSequence < 1) {
      throw new IllegalArgumentException("startSequence must be >= 1, was " + startSequence);
    }
    Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<EventEnvelope> envelopes = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      OrderEvent event = events.get(i);
      envelopes.add(new EventEnvelope(ids.next(), command.tenant(), command.orderId(), startSequence + i,
          event.type(), event.schemaVersion(), occurredAt, command.commandId(), correlationId,
          OrderEventPayloads.toPayload(event)));
    }
    return List.copyOf(envelopes);
  }

  /**
   * The event in an envelope of any known version, upcast first.
   *
   * @throws io.tally.events.UnknownSchemaVersionException for a type or version this build does not know
   * @throws io.tally.events.UnparseableEventException     for a payload that does not fit its record
   */
  public static OrderEvent toEvent(EventEnvelope envelope) {
    EventEnvelope current = UpcasterChain.standard().upcast(envelope);
    return OrderEventPayloads.fromPayload(current.type(), current.payload());
  }
}
