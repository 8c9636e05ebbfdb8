package io.tally.projection.runtime;

import io.tally.order.ReadOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record of the events topic after decoding: a valid event, or poison bound for the dead-letter topic. */
public sealed interface DecodedRecord {

  int partition();

  long offset();

  /** The record's Kafka timestamp (producer create time): how old the record is, for lag in seconds. */
  long timestampMs();

  record Valid(ProjectedEvent event, long timestampMs) implements DecodedRecord {
    @Override
    public int partition() {
      return event.partition();
    }

    @Override
    public long offset() {
      return event.offset();
    }
  }

  /** Keeps the raw record: the dead-letter copy carries its key, value and headers unchanged. */
  record Poison(ConsumerRecord<byte[], byte[]> raw, ReadOutcome.Reason reason, String detail, String errorClass)
      implements DecodedRecord {
    @Override
    public int partition() {
      return raw.partition();
    }

    @Override
    public long offset() {
      return raw.offset();
    }

    @Override
    public long timestampMs() {
      return raw.timestamp();
    }
  }
}
