package io.tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/** Envelope to and from the JSON bytes of a record value on {@code orders.events}. */
public final class EnvelopeCodec {

  private EnvelopeCodec() {}

  public static byte[] toBytes(EventEnvelope envelope) {
    ObjectNode json = EventJson.object();
    json.put("eventId", envelope.eventId());
    json.put("tenant", envelope.tenant());
    json.put("aggregateId", envelope.aggregateId());
    json.put("sequence", envelope.sequence());
    json.put("type", envelope.type());
    json.put("schemaVersion", envelope.schemaVersion());
    json.put("occurredAt", envelope.occurredAt().toString());
    json.put("commandId", envelope.commandId());
    json.put("correlationId", envelope.correlationId());
    json.set("payload", envelope.payload());
    byte[] bytes = EventJson.write(json);
    if (Limits.eventSize(bytes.length).isPresent()) {
      throw new EventTooLargeException(bytes.length);
    }
    return bytes;
  }

  /**
   * Reads an envelope, or throws {@link UnparseableEventException} saying why not. Unknown top-level fields are
   * ignored so that adding an envelope field later does not turn every older consumer's input into poison.
   */
  public static EventEnvelope fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new UnparseableEventException("empty record value", null);
    }
    if (Limits.eventSize(bytes.length).isPresent()) {
      throw new UnparseableEventException("too large: " + bytes.length + " bytes", null);
    }
    JsonFields fields;
    try {
      fields = EnvelopeFields.read(bytes);
      if (fields == null) {
        JsonNode root = EventJson.read(bytes);
        if (root == null || !root.isObject()) {
          throw new UnparseableEventException("not a JSON object", null);
        }
        fields = new JsonFields((ObjectNode) root);
      }
    } catch (IOException e) {
      throw new UnparseableEventException("not valid JSON", null);
    }
    try {
      return read(fields);
    } catch (InvalidFieldException e) {
      throw new UnparseableEventException(e.getMessage(), e.field());
    }
  }

  static EventEnvelope read(JsonFields json) {
    String eventId = json.text("eventId");
    if (!EventIds.isV7(eventId)) {
      throw json.invalid("eventId", "must be a lowercase UUIDv7");
    }
    String tenant = json.text("tenant");
    Limits.tenant(tenant).ifPresent(v -> {
      throw new InvalidFieldException(v);
    });
    String aggregateId = json.text("aggregateId");
    long sequence = json.wholeNumber("sequence");
    if (sequence < 1) {
      throw json.invalid("sequence", "must be >= 1");
    }
    String type = json.text("type");
    long schemaVersion = json.wholeNumber("schemaVersion");
    if (schemaVersion < 1 || schemaVersion > Integer.MAX_VALUE) {
      throw json.invalid("schemaVersion", "must be a positive int");
    }
    Instant occurredAt = instant(json, "occurredAt");
    return new EventEnvelope(eventId, tenant, aggregateId, sequence, type, (int) schemaVersion, occurredAt,
        json.text("commandId"), json.text("correlationId"), json.object("payload"));
  }

  private static Instant instant(JsonFields json, String field) {
    String text = json.text(field);
    try {
      return UtcInstants.parse(text);
    } catch (DateTimeException e) {
      throw json.invalid(field, "must be an ISO-8601 UTC instant like 2025-01-31T12:00:00Z");
    }
  }
}
