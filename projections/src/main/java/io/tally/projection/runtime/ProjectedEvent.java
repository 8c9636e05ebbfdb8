package io.tally.projection.runtime;

import io.tally.events.EventEnvelope;
import io.tally.order.OrderEvent;

/**
 * One valid event at its place in the log: the envelope upcast to the current version, its payload as a record,
 * and the Kafka coordinates a sink stores with it.
 */
public record ProjectedEvent(EventEnvelope envelope, OrderEvent event, int partition, long offset) {

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
