package io.tally.projection.dlq;

import io.tally.events.EventHeaders;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** One dead letter: the original record and why and where the projection gave up on it. */
public record DeadLetterEntry(int dlqPartition, long dlqOffset, String projection, String sourceTopic,
                              int sourcePartition, long sourceOffset, String reason, String errorClass, String detail,
                              String time, String tenant, String type, byte[] key, byte[] value, Headers headers) {

  private static final int VALUE_PREVIEW = 2000;

  static DeadLetterEntry of(ConsumerRecord<byte[], byte[]> r) {
    Headers h = r.headers();
    return new DeadLetterEntry(r.partition(), r.offset(), DeadLetterHeaders.get(h, DeadLetterHeaders.PROJECTION),
        DeadLetterHeaders.get(h, DeadLetterHeaders.SOURCE_TOPIC), parseInt(DeadLetterHeaders.get(h,
        DeadLetterHeaders.SOURCE_PARTITION)), parseLong(DeadLetterHeaders.get(h, DeadLetterHeaders.SOURCE_OFFSET)),
        DeadLetterHeaders.get(h, DeadLetterHeaders.REASON), DeadLetterHeaders.get(h, DeadLetterHeaders.ERROR_CLASS),
        DeadLetterHeaders.get(h, DeadLetterHeaders.DETAIL), DeadLetterHeaders.get(h, DeadLetterHeaders.TIME),
        tenantOf(r), DeadLetterHeaders.get(h, EventHeaders.TYPE), r.key(), r.value(),
        new RecordHeaders(h.toArray()));
  }

  /** Where the poison came from; a projection dead-letters each source record once, repeats are folded on it. */
  public String sourceKey() {
    return projection + "|" + sourceTopic + "|" + sourcePartition + "|" + sourceOffset;
  }

  /** The original record as the projection saw it, for decoding it again with this build. */
  public ConsumerRecord<byte[], byte[]> asSourceRecord() {
    RecordHeaders original = new RecordHeaders();
    for (var header : headers) {
      if (!header.key().startsWith("tally.dlq.")) {
        original.add(header);
      }
    }
    return new ConsumerRecord<>(sourceTopic, sourcePartition, sourceOffset, ConsumerRecord.NO_TIMESTAMP,
        org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
        ConsumerRecord.NULL_SIZE, key, value, original, java.util.Optional.empty());
  }

  public JsonObject toJson() {
    String text = value == null ? null : new String(value, StandardCharsets.UTF_8);
    return new JsonObject()
        .put("projection", projection)
        .put("reason", reason)
        .put("errorClass", errorClass)
        .put("detail", detail)
        .put("time", time)
        .put("tenant", tenant)
        .put("type", type)
        .put("source", new JsonObject().put("topic", sourceTopic).put("partition", sourcePartition)
            .put("offset", sourceOffset))
        .put("dlq", new JsonObject().put("partition", dlqPartition).put("offset", dlqOffset))
        .put("key", key == null ? null : new String(key, StandardCharsets.UTF_8))
        .put("value", text == null || text.length() <= VALUE_PREVIEW ? text : text.substring(0, VALUE_PREVIEW) + "…");
  }

  private static String tenantOf(ConsumerRecord<byte[], byte[]> r) {
    String header = DeadLetterHeaders.get(r.headers(), EventHeaders.TENANT);
    if (header != null) {
      return header;
    }
    if (r.key() != null) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      int slash = key.indexOf('/');
      return slash > 0 ? key.substring(0, slash) : null;
    }
    return null;
  }

  private static int parseInt(String s) {
    try {
      return s == null ? -1 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long parseLong(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
