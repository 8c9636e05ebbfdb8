package io.tally.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One fact on {@code orders.events}: the payload plus everything a consumer needs to route, order and
 * deduplicate it without looking inside the payload.
 *
 * @param eventId       UUIDv7, so ids sort by creation time (see {@link EventIds})
 * @param tenant        owning tenant, repeated as a Kafka header
 * @param aggregateId   the orderId
 * @param sequence      aggregate version after this event, 1..n; projections guard stale writes with it
 * @param type          event type name, e.g. {@code OrderPlaced}
 * @param schemaVersion payload schema version of {@code type}
 * @param occurredAt    UTC instant the decider accepted the command
 * @param commandId     the command that caused this event (idempotency)
 * @param correlationId ties events of one business flow together across commands
 * @param payload       the type-specific body; Jackson nodes are mutable, so treat it as read-only
 */
public record EventEnvelope(
    String eventId,
    String tenant,
    String aggregateId,
    long sequence,
    String type,
    int schemaVersion,
    Instant occurredAt,
    String commandId,
    String correlationId,
    ObjectNode payload) {

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(payload, "payload");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
    }
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
    }
  }

  /**
   * The same envelope with an empty payload: for a holder that keeps what it needs of the payload in another form,
   * so that the payload's tree is not kept alive with it.
   */
  public EventEnvelope withoutPayload() {
    return new EventEnvelope(eventId, tenant, aggregateId, sequence, type, schemaVersion, occurredAt, commandId,
        correlationId, JsonNodeFactory.instance.objectNode());
  }

  /** The same event with its payload in another schema version: what an upcaster produces. */
  public EventEnvelope withSchema(int newSchemaVersion, ObjectNode newPayload) {
    return new EventEnvelope(eventId, tenant, aggregateId, sequence, type, newSchemaVersion, occurredAt,
        commandId, correlationId, newPayload);
  }
}
