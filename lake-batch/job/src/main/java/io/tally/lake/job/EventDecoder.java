package io.tally.lake.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.events.UnparseableEventException;
import io.tally.lake.PayloadField;
import io.tally.order.OrderEventReader;
import io.tally.order.ReadOutcome;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.Row;

/**
 * Turns Kafka records into events-table rows the way every other consumer reads the log (OrderEventReader:
 * decode, check against the written version's schema, upcast), and records that fail into rejected-table rows
 * with the reason. One bad record never fails the run.
 */
final class EventDecoder implements Serializable {
  static final String UNMAPPABLE = "unmappable";

  private final List<PayloadField> payloadFields;
  private final Set<String> deletedTenants;
  private final Instant runAt;

  EventDecoder(List<PayloadField> payloadFields, Set<String> deletedTenants, Instant runAt) {
    this.payloadFields = List.copyOf(payloadFields);
    this.deletedTenants = Set.copyOf(deletedTenants);
    this.runAt = runAt;
  }

  Row decode(ConsumerRecord<byte[], byte[]> kafka) {
    int partition = kafka.partition();
    long offset = kafka.offset();
    byte[] value = kafka.value();
    EventEnvelope written;
    try {
      written = EnvelopeCodec.fromBytes(value);
    } catch (UnparseableEventException e) {
      // Only an unreadable value needs the tenant header: looked up here, not for every record.
      String tenant = header(kafka, EventHeaders.TENANT);
      return rejected(kafka, tenant, ReadOutcome.Reason.UNPARSEABLE.code(), e.getMessage());
    }
    if (deletedTenants.contains(written.tenant())) {
      return JsonValues.row(DecodedRecord.DROPPED, null, null);
    }
    ReadOutcome outcome = OrderEventReader.read(written);
    if (outcome instanceof ReadOutcome.Poison poison) {
      return rejected(kafka, written.tenant(), poison.reason().code(), poison.detail());
    }
    EventEnvelope current = ((ReadOutcome.Readable) outcome).envelope();
    try {
      return JsonValues.row(DecodedRecord.EVENT, eventRow(current, written.schemaVersion(), partition, offset), null);
    } catch (IllegalArgumentException e) {
      return rejected(kafka, written.tenant(), UNMAPPABLE, e.getMessage());
    }
  }

  private Row eventRow(EventEnvelope e, int writtenVersion, int partition, long offset) {
    List<Object> v = new ArrayList<>(List.of(e.eventId(), e.tenant(), e.aggregateId(), e.sequence(), e.type(),
        e.schemaVersion(), writtenVersion, e.occurredAt(), e.commandId(), e.correlationId()));
    ObjectNode payload = e.payload();
    for (PayloadField f : payloadFields) {
      try {
        v.add(JsonValues.of(payload.get(f.json()), f.type()));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("payload." + f.json() + ": " + bad.getMessage());
      }
    }
    v.add(payload.toString());
    v.add(partition);
    v.add(offset);
    v.add(runAt);
    return JsonValues.row(v.toArray());
  }

  private Row rejected(ConsumerRecord<byte[], byte[]> kafka, String tenant, String reason, String detail) {
    if (tenant != null && deletedTenants.contains(tenant)) {
      return JsonValues.row(DecodedRecord.DROPPED, null, null);
    }
    Row row = JsonValues.row(kafka.partition(), kafka.offset(), reason, detail, tenant,
        header(kafka, EventHeaders.TYPE), header(kafka, EventHeaders.SCHEMA_VERSION), kafka.value(),
        Instant.ofEpochMilli(kafka.timestamp()), runAt);
    return JsonValues.row(DecodedRecord.REJECTED, null, row);
  }

  /** The last value of a Kafka header as text, or null. */
  private static String header(ConsumerRecord<byte[], byte[]> kafka, String key) {
    Header h = kafka.headers().lastHeader(key);
    return h == null || h.value() == null ? null : EventHeaders.text(h.value());
  }
}
