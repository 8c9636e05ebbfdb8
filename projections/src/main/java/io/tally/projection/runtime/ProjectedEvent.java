package io.tally.projection.runtime;

import io.tally.events.EventEnvelope;
import io.tally.order.OrderEvent;

/**
 * One valid event at its place in the log: the envelope upcast to the current version, its payload as a record,
 * and the Kafka coordinates a sink stores with it. Between decoding and its batch's write the runtime may hold it
 * in the form its sink asked for ({@link ProjectionSink#held}): then {@code row} is the sink's own encoding of it,
 * and the envelope carries no payload.
 *
 * @param event the payload as a record; null in the form {@link #asRow}
 * @param row   the sink's encoding of this event (ch-analytics: its RowBinary row; pg-orders: the payload's JSON
 *              text), made on the decode threads; null unless the sink made one
 */
public record ProjectedEvent(EventEnvelope envelope, OrderEvent event, int partition, long offset, byte[] row) {

  public ProjectedEvent(EventEnvelope envelope, OrderEvent event, int partition, long offset) {
    this(envelope, event, partition, offset, null);
  }

  /**
   * This event as its sink's row and the envelope's fields without the payload: an event held in this form
   * costs the heap its row instead of a payload tree and a record.
   */
  public ProjectedEvent asRow(byte[] encoded) {
    return new ProjectedEvent(envelope.withoutPayload(), null, partition, offset, encoded);
  }

  /**
   * This event with its payload as JSON text instead of a tree, the record kept: for a sink that stores the
   * payload as text and reads the record for the rest.
   */
  public ProjectedEvent withPayloadText(byte[] json) {
    return new ProjectedEvent(envelope.withoutPayload(), event, partition, offset, json);
  }

  public String tenant() {
    return envelope.tenant();
  }

  public String orderId() {
    return envelope.aggregateId();
  }

  public long sequence() {
    return envelope.sequence();
  }
}
