package io.tally.order;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventSchemas;
import io.tally.events.SchemaCheck;
import io.tally.events.UnparseableEventException;
import io.tally.events.UpcasterChain;

/**
 * The whole read path every consumer of {@code orders.events} needs, in one place so they all classify poison the
 * same way: decode, check the payload against the schema of the version it was written in, upcast, map to a
 * record. Checking before upcasting blames the producer that wrote the bad payload, not the upcaster.
 */
public final class OrderEventReader {

  private OrderEventReader() {}

  public static ReadOutcome read(byte[] value) {
    EventEnvelope envelope;
    try {
      envelope = EnvelopeCodec.fromBytes(value);
    } catch (UnparseableEventException e) {
      return new ReadOutcome.Poison(ReadOutcome.Reason.UNPARSEABLE, e.getMessage());
    }
    return read(envelope);
  }

  public static ReadOutcome read(EventEnvelope envelope) {
    SchemaCheck check = EventSchemas.check(envelope.type(), envelope.schemaVersion(), envelope.payload());
    if (check instanceof SchemaCheck.Unknown) {
      return new ReadOutcome.Poison(ReadOutcome.Reason.UNKNOWN_VERSION, check.violations().get(0));
    }
    if (check instanceof SchemaCheck.Invalid) {
      return new ReadOutcome.Poison(ReadOutcome.Reason.SCHEMA_INVALID, String.join("; ", check.violations()));
    }
    EventEnvelope current = UpcasterChain.standard().upcast(envelope);
    try {
      return new ReadOutcome.Readable(current, OrderEventPayloads.fromPayload(current.type(), current.payload()));
    } catch (UnparseableEventException e) {
      return new ReadOutcome.Poison(ReadOutcome.Reason.UNPARSEABLE, e.getMessage());
    }
  }
}
