package io.tally.lake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.events.EnvelopeCodec;
import io.tally.events.EventEnvelope;
import io.tally.events.EventHeaders;
import io.tally.lake.LakeSchemas;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** One Kafka record at a time, without Spark: what the decoder makes of good, old, bad and deleted records. */
class EventDecoderTest {
  private static final Instant RUN = Instant.parse("2026-11-21T00:00:00Z");
  private final EventDecoder decoder = new EventDecoder(LakeSchemas.PAYLOAD_FIELDS, Set.of("gone"), RUN);
  private final List<String> columns = List.of(DecodedRecord.eventType(LakeSchemas.PAYLOAD_FIELDS).fieldNames());

  @Test
  void anOldVersionIsUpcastAndFlattenedIntoColumns() {
    EventEnvelope v1 = OrderLog.orders("acme", "a", 2, LocalDate.of(2026, 11, 20), "EUR").stream()
        .filter(e -> e.type().equals("OrderPlaced") && e.schemaVersion() == 1).findFirst().orElseThrow();
    Row out = decoder.decode(kafka(7, EnvelopeCodec.toBytes(v1), Map.of(EventHeaders.TENANT, "acme")));
    assertThat(out.getString(0)).isEqualTo(DecodedRecord.EVENT);
    Row event = out.getStruct(1);
    assertThat(event.getString(columns.indexOf("event_id"))).isEqualTo(v1.eventId());
    assertThat(event.getInt(columns.indexOf("written_version"))).isEqualTo(1);
    assertThat(event.getInt(columns.indexOf("schema_version"))).isEqualTo(2);
    assertThat(event.getString(columns.indexOf("currency"))).isEqualTo("EUR");
    assertThat((BigDecimal) event.get(columns.indexOf("amount"))).isEqualByComparingTo("11.50");
    assertThat(event.getSeq(columns.indexOf("items")).size()).isEqualTo(1);
    assertThat(event.getLong(columns.indexOf("kafka_offset"))).isEqualTo(7);
    assertThat(event.isNullAt(columns.indexOf("carrier"))).isTrue();
  }

  @Test
  void poisonBecomesARejectedRowWithItsReasonAndDeletedTenantsAreDropped() {
    Row bad = decoder.decode(kafka(3, "{oops".getBytes(StandardCharsets.UTF_8), Map.of(EventHeaders.TENANT, "acme")));
    assertThat(bad.getString(0)).isEqualTo(DecodedRecord.REJECTED);
    Row rejected = bad.getStruct(2);
    assertThat(rejected.getString(2)).isEqualTo("unparseable");
    assertThat(rejected.getString(4)).as("tenant from the header").isEqualTo("acme");
    assertThat(new String((byte[]) rejected.get(7), StandardCharsets.UTF_8)).isEqualTo("{oops");

    EventEnvelope gone = OrderLog.orders("gone", "g", 1, LocalDate.of(2026, 11, 20), "USD").get(0);
    assertThat(decoder.decode(kafka(4, EnvelopeCodec.toBytes(gone), Map.of())).getString(0))
        .isEqualTo(DecodedRecord.DROPPED);
    assertThat(decoder.decode(kafka(5, "x".getBytes(StandardCharsets.UTF_8), Map.of(EventHeaders.TENANT, "gone")))
        .getString(0)).isEqualTo(DecodedRecord.DROPPED);
  }

  private static ConsumerRecord<byte[], byte[]> kafka(long offset, byte[] value, Map<String, String> headers) {
    RecordHeaders h = new RecordHeaders();
    headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
    return new ConsumerRecord<>("orders.events", 0, offset, RUN.toEpochMilli(), TimestampType.CREATE_TIME,
        0, value.length, null, value, h, Optional.empty());
  }
}
