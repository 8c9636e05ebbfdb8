package io.tally.projection.runtime;

import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.events.RecordKeys;
import io.tally.events.SchemaCheck;
import io.tally.events.UnknownSchemaVersionException;
import io.tally.events.UnparseableEventException;
import io.tally.order.OrderEventReader;
import io.tally.order.ReadOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Classifies each record the way every projection must agree on: decode, validate against the schema of the
 * version it was written in, upcast (all in {@link OrderEventReader}), then check that key and headers tell the
 * same story as the envelope. A record whose tenant header or key names another tenant than its body is poison:
 * projecting it would put one tenant's order into another tenant's view.
 */
public final class RecordDecoder {

  private static final int PARALLEL_FROM = 512;

  private RecordDecoder() {}

  public static DecodedRecord decode(ConsumerRecord<byte[], byte[]> record) {
    ReadOutcome outcome;
    try {
      outcome = OrderEventReader.read(record.value());
    } catch (RuntimeException e) {
      // A reader bug must not block the partition either; the record waits in the DLQ for a fixed build.
      return new DecodedRecord.Poison(record, ReadOutcome.Reason.UNPARSEABLE, String.valueOf(e.getMessage()),
          e.getClass().getName());
    }
    if (outcome instanceof ReadOutcome.Poison poison) {
      return new DecodedRecord.Poison(record, poison.reason(), poison.detail(), errorClass(poison.reason()));
    }
    ReadOutcome.Readable readable = (ReadOutcome.Readable) outcome;
    EventEnvelope envelope = readable.envelope();
    String mismatch = mismatch(record, envelope);
    if (mismatch != null) {
      return new DecodedRecord.Poison(record, ReadOutcome.Reason.SCHEMA_INVALID, mismatch,
          SchemaCheck.Invalid.class.getName());
    }
    ProjectedEvent event = new ProjectedEvent(envelope, readable.event(), record.partition(), record.offset());
    return new DecodedRecord.Valid(event, record.timestamp());
  }

  /**
   * Decodes in record order; large polls in parallel (decoding is most of the runtime's CPU: parse, schema
   * check, upcast), so catching up uses every core the store leaves free.
   */
  public static List<DecodedRecord> decodeAll(List<ConsumerRecord<byte[], byte[]>> records) {
    DecodedRecord[] out = new DecodedRecord[records.size()];
    IntStream range = IntStream.range(0, out.length);
    (out.length >= PARALLEL_FROM ? range.parallel() : range).forEach(i -> out[i] = decode(records.get(i)));
    return Arrays.asList(out);
  }

  /** The same records with each valid event in the form the sink holds it; large lists in parallel. */
  public static List<DecodedRecord> held(List<DecodedRecord> decoded, UnaryOperator<ProjectedEvent> form) {
    DecodedRecord[] out = decoded.toArray(new DecodedRecord[0]);
    IntStream range = IntStream.range(0, out.length);
    (out.length >= PARALLEL_FROM ? range.parallel() : range).forEach(i -> {
      if (out[i] instanceof DecodedRecord.Valid valid) {
        ProjectedEvent held = form.apply(valid.event());
        if (held != valid.event()) {
          out[i] = new DecodedRecord.Valid(held, valid.timestampMs());
        }
      }
    });
    return Arrays.asList(out);
  }

  static String errorClass(ReadOutcome.Reason reason) {
    return switch (reason) {
      case UNPARSEABLE -> UnparseableEventException.class.getName();
      case UNKNOWN_VERSION -> UnknownSchemaVersionException.class.getName();
      case SCHEMA_INVALID -> SchemaCheck.Invalid.class.getName();
    };
  }

  private static String mismatch(ConsumerRecord<byte[], byte[]> record, EventEnvelope envelope) {
    Header tenantHeader = record.headers().lastHeader(EventHeaders.TENANT);
    if (tenantHeader != null && !EventHeaders.isText(tenantHeader.value(), envelope.tenant())) {
      return "header " + EventHeaders.TENANT + " '" + EventHeaders.text(tenantHeader.value())
          + "' differs from the envelope's tenant '" + envelope.tenant() + "'";
    }
    if (record.key() != null && !RecordKeys.matches(record.key(), envelope.tenant(), envelope.aggregateId())) {
      return "record key '" + new String(record.key(), StandardCharsets.UTF_8) + "' differs from the envelope's "
          + envelope.tenant() + "/" + envelope.aggregateId();
    }
    return null;
  }

  /** The key the producer should have used; for tests and tools that write the topic. */
  public static String keyOf(EventEnvelope envelope) {
    return RecordKeys.of(envelope.tenant(), envelope.aggregateId());
  }
}
